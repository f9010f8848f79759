/**
 * Workflow around individual plans (CONTRACT section 5).
 *
 * <p>This package holds the database-free building blocks and the wiring:
 * <ul>
 *   <li>{@link se.karta.workflow.IpRequestValidator} checks a {@code QuestionnaireResponse} to the
 *       {@code ip-request} Questionnaire ("Begäran om individuell plan") for missing required answers.</li>
 *   <li>{@link se.karta.workflow.TaskFactory} builds the {@code karta-task} Tasks the server creates by
 *       itself ({@code ip-notification}, {@code review-due}, {@code consent-withdrawn}) and the
 *       {@code ip-request} Task.</li>
 *   <li>{@link se.karta.workflow.WorkflowConfig} registers the sub-packages with HAPI, configured by
 *       {@link se.karta.workflow.WorkflowProperties} ({@code karta.workflow.*}).</li>
 * </ul>
 * The sub-packages react to writes inside their database transaction: {@code notification} (LSS 10 §),
 * {@code consent} (withdrawal, objection to relatives), {@code review} (annual review),
 * {@code request} (the person's own request), on top of {@code tasks} (storage of server-made Tasks).
 */
package se.karta.workflow;
