/**
 * Workflow around individual plans (CONTRACT section 5): the database-free part.
 *
 * <ul>
 *   <li>{@link se.karta.workflow.IpRequestValidator} checks a {@code QuestionnaireResponse} to the
 *       {@code ip-request} Questionnaire ("Begäran om individuell plan") for missing required answers.</li>
 *   <li>{@link se.karta.workflow.TaskFactory} builds the {@code karta-task} Tasks the server creates by
 *       itself ({@code ip-notification}, {@code review-due}, {@code consent-withdrawn}) and the
 *       {@code ip-request} Task.</li>
 * </ul>
 * Nothing here reads or writes storage; the server wires these into HAPI.
 */
package se.karta.workflow;
