package se.karta.rules.lss;

import java.util.List;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.terms.KartaTerms;
import se.karta.rules.PlanSupport;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code LSS-DECISION} — LSS 10 §: the plan states "beslutade och planerade insatser", so in every
 * {@code lss-ip} (drafts included) each {@code activity.detail} has exactly one {@code insats-decision}
 * extension with code {@code decided} or {@code planned}. An activity without {@code detail} is left to
 * {@code PLAN-CONTENT}.
 */
@Component
public class LssDecisionRule extends AbstractPlanRule {

    private static final List<String> CODES = List.of("decided", "planned");

    public LssDecisionRule() {
        super("LSS-DECISION", "LSS 10 §",
                "I en individuell plan enligt LSS ska varje insats anges som beslutad eller planerad.",
                "In an individual plan under LSS each activity states whether the insats is decided or planned.");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (!PlanSupport.isLssIp(plan)) {
            return;
        }
        for (int i = 0; i < plan.getActivity().size(); i++) {
            CarePlan.CarePlanActivityComponent a = plan.getActivity().get(i);
            if (!a.hasDetail()) {
                continue;
            }
            List<Extension> exts = a.getDetail().getExtensionsByUrl(KartaTerms.EXT_INSATS_DECISION);
            if (exts.size() == 1 && exts.get(0).getValue() instanceof Coding c && CODES.contains(c.getCode())) {
                continue;
            }
            out.add(violation("Insats " + (i + 1) + " ska anges som beslutad eller planerad.",
                    "CarePlan.activity[" + i + "].detail needs exactly one insats-decision extension with code decided or planned (found "
                            + exts.size() + ").",
                    KartaTerms.extensionPath("CarePlan.activity[" + i + "].detail", KartaTerms.EXT_INSATS_DECISION)));
        }
    }
}
