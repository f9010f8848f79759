/**
 * Generated Swedish narrative ({@code CarePlan.text}) of an individual plan: the person's
 * "personliga karta" (CONTRACT section 5, "Narrative").
 *
 * <p>{@link se.karta.narrative.PlanNarrativeGenerator} reads a {@code CarePlan} and the resources
 * it references (through a resolver the caller supplies), builds a small view model
 * ({@link se.karta.narrative.PlanView}) and renders it through the Thymeleaf template
 * {@code narrative/karta-plan.html} (HTML mode, {@code th:text} escapes all resource content).
 * The package holds no state and touches no database.
 */
package se.karta.narrative;
