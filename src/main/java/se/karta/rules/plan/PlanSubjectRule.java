package se.karta.rules.plan;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.rules.PlanSupport;
import se.karta.rules.PlanSupport.PlanConsent;
import se.karta.rules.References;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code PLAN-SUBJECT} (no legal source; data integrity): a plan (any kind and status), its care team and
 * every Consent it references in {@code supportingInfo} name the same person: {@code CareTeam.subject} and
 * {@code Consent.patient} are the same reference as {@code CarePlan.subject}.
 *
 * <p>This rule owns "consent of another person" for every consent (also the SIP consent, which
 * {@code SIP-CONSENT} then does not report). A referenced Consent that cannot be found is reported here too.
 */
@Component
public class PlanSubjectRule extends AbstractPlanRule {

    public PlanSubjectRule() {
        super("PLAN-SUBJECT", "—",
                "Planen, planeringsgruppen och samtyckena ska gälla samma person.",
                "The plan, its care team and its consents name the same person.");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        Reference subject = plan.getSubject();
        String who = References.describe(subject);
        Optional<CareTeam> team = careTeam(plan, ctx, out);
        if (team.isPresent() && !ctx.sameResource(team.get().getSubject(), subject)) {
            out.add(violation("Planeringsgruppen gäller en annan person (" + References.describe(team.get().getSubject())
                            + ") än planen (" + who + ").",
                    "CareTeam.subject " + References.describe(team.get().getSubject()) + " differs from CarePlan.subject " + who + ".",
                    "CarePlan.careTeam"));
        }
        for (PlanConsent pc : PlanSupport.consents(plan, ctx)) {
            String expr = "CarePlan.supportingInfo[" + pc.index() + "]";
            String ref = References.describe(pc.reference());
            if (pc.consent() == null) {
                out.add(violation("Samtycket " + ref + " hittades inte.",
                        "Consent " + ref + " not found; PLAN-SUBJECT needs it.", expr));
            } else if (!ctx.sameResource(pc.consent().getPatient(), subject)) {
                out.add(violation("Samtycket " + ref + " gäller en annan person (" + References.describe(pc.consent().getPatient())
                                + ") än planen (" + who + ").",
                        "Consent.patient " + References.describe(pc.consent().getPatient()) + " of " + ref
                                + " differs from CarePlan.subject " + who + ".",
                        expr));
            }
        }
    }
}
