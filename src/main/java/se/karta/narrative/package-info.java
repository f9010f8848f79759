/**
 * Generated Swedish narrative ({@code CarePlan.text}) of an individual plan: the person's
 * "personliga karta" (CONTRACT section 5, "Narrative").
 *
 * <p>{@link se.karta.narrative.PlanNarrativeGenerator} reads a {@code CarePlan} and the resources
 * it references (through a resolver the caller supplies), builds a small view model
 * ({@link se.karta.narrative.PlanView}) and renders it through the Thymeleaf template
 * {@code narrative/karta-plan.html} (HTML mode, {@code th:text} escapes all resource content).
 * The generator holds no state and touches no database.
 *
 * <p>{@link se.karta.narrative.PlanNarrativeInterceptor} sets the narrative on every stored plan just
 * before storage; {@link se.karta.narrative.WriteReferenceResolver} resolves its references through the
 * request's transaction Bundle ({@code urn:uuid:}) and HAPI's DAOs.
 */
package se.karta.narrative;
