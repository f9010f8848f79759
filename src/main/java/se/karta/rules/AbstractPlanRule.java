package se.karta.rules;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;

/** Base of the CarePlan rules: resolving the plan's care team, reporting it when it cannot be found. */
public abstract class AbstractPlanRule extends AbstractLegalRule<CarePlan> {

    protected AbstractPlanRule(String id, String legalSource, String textSv, String textEn) {
        super(id, CarePlan.class, legalSource, textSv, textEn);
    }

    /**
     * The plan's care team (its first {@code CarePlan.careTeam}). When absent or unresolvable, adds a
     * violation of this rule naming the reference at {@code CarePlan.careTeam} and returns empty.
     */
    protected Optional<CareTeam> careTeam(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (!plan.hasCareTeam()) {
            out.add(violation("Planen anger ingen planeringsgrupp (careTeam), så regeln kan inte kontrolleras.",
                    "CarePlan.careTeam is missing; " + id() + " needs the care team.", "CarePlan.careTeam"));
            return Optional.empty();
        }
        Optional<CareTeam> team = resolve(plan, plan.getCareTeamFirstRep(), CareTeam.class, ctx);
        if (team.isEmpty()) {
            String ref = References.describe(plan.getCareTeamFirstRep());
            out.add(violation("Planeringsgruppen " + ref + " hittades inte.",
                    "Care team " + ref + " not found (neither in the request nor stored); " + id()
                            + " needs it.",
                    "CarePlan.careTeam"));
        }
        return team;
    }
}
