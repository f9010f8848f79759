package se.karta.rules;

import java.util.List;

import org.hl7.fhir.r4.model.Resource;

/**
 * One legal rule of CONTRACT section 4. Implementations are small {@code @Component} classes in
 * {@code se.karta.rules} (or a subpackage) with a public no-arg constructor; they are discovered by
 * {@link RuleRegistry} and published in the {@code rule} CodeSystem by {@link RuleCodeSystem}.
 *
 * <p>Prefer extending {@link AbstractLegalRule}, which gives type safety and helpers.
 */
public interface LegalRule {

    /** The rule id, also the code in {@code https://fhir.karta.se/CodeSystem/rule}, e.g. {@code SIP-CONSENT}. */
    String id();

    /** The legal source in Swedish abbreviated form, e.g. {@code HSL 16:4 st 2, SoL 2:7 st 2}; "—" when none. */
    String legalSource();

    /** What the rule requires, in Swedish (CodeSystem display). */
    String textSv();

    /** What the rule requires, in English (CodeSystem designation and property {@code textEn}). */
    String textEn();

    /** The resource type the rule is checked against: CarePlan, CareTeam, Task, Patient or Organization. */
    Class<? extends Resource> appliesTo();

    /**
     * Every resource type the rule is checked against: {@link #appliesTo()} and, for the few rules that
     * look at more than one type (PLAN-RELATIVES: CareTeam and CarePlan), the others. {@link RuleRegistry}
     * selects rules by this list.
     */
    default List<Class<? extends Resource>> resourceTypes() {
        return List.of(appliesTo());
    }

    /**
     * Checks one resource. Returns every violation found (empty when the rule passes or does not apply,
     * e.g. for another resource type, another plan kind or an exempt status). Never throws for bad data.
     */
    List<RuleViolation> check(Resource resource, RuleContext context);
}
