package se.karta.rules.plan;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.rules.PlanSupport;
import se.karta.rules.References;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code PLAN-CONTENT} — HSL 16 kap. 4 § st 3 p 1-3, LSS 10 §: the plan states which insatser are needed and
 * who answers for each. Every plan that is not a draft has at least one {@code activity}; each activity has a
 * {@code detail} with exactly one {@code performer}, and that performer is an organisation in the care team
 * (a participant whose member is that Organization, or a practitioner participant acting
 * {@code onBehalfOf} it; any role).
 *
 * <p>The care team is only resolved (and reported when missing) if there is a performer to check.
 */
@Component
public class PlanContentRule extends AbstractPlanRule {

    public PlanContentRule() {
        super("PLAN-CONTENT", "HSL 16:4 st 3 p 1-3, LSS 10 §",
                "En plan som inte är utkast ska ha minst en insats, och varje insats ska ha en utförare som är en organisation i planeringsgruppen.",
                "A plan that is not a draft has at least one activity; each has exactly one performer, an organisation in the care team.");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (PlanSupport.isDraft(plan)) {
            return;
        }
        if (plan.getActivity().isEmpty()) {
            out.add(violation("Planen ska ange vilka insatser som behövs, men den har inga insatser (activity).",
                    "A non-draft plan needs at least one CarePlan.activity.", "CarePlan.activity"));
            return;
        }
        Optional<CareTeam> team = null;
        for (int i = 0; i < plan.getActivity().size(); i++) {
            CarePlan.CarePlanActivityComponent a = plan.getActivity().get(i);
            String path = "CarePlan.activity[" + i + "]";
            if (!a.hasDetail()) {
                out.add(violation("Insats " + (i + 1) + " saknar beskrivning (activity.detail).",
                        "CarePlan.activity[" + i + "] has no detail.", path + ".detail"));
                continue;
            }
            List<Reference> performers = a.getDetail().getPerformer();
            if (performers.size() != 1) {
                out.add(violation("Insats " + (i + 1) + " ska ha exakt en utförare som svarar för den, men har " + performers.size() + ".",
                        "CarePlan.activity[" + i + "].detail.performer must have exactly one entry, has " + performers.size() + ".",
                        path + ".detail.performer"));
                continue;
            }
            if (team == null) {
                team = careTeam(plan, ctx, out);
            }
            if (team.isEmpty()) {
                continue;
            }
            Reference performer = performers.get(0);
            boolean inTeam = PlanSupport.organizations(team.get(), ctx).stream()
                    .anyMatch(t -> ctx.sameResource(t.organization(), performer));
            if (!inTeam) {
                String d = PlanSupport.describeOrg(performer, ctx);
                out.add(violation("Utföraren " + d + " av insats " + (i + 1) + " är ingen organisation i planeringsgruppen.",
                        "Performer " + References.describe(performer) + " of CarePlan.activity[" + i
                                + "] is not an organisation in the care team.",
                        path + ".detail.performer"));
            }
        }
    }
}
