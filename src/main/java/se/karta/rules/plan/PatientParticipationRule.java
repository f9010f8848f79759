package se.karta.rules.plan;

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
 * {@code PLAN-PARTICIPATION} — LSS 10 § ("i samråd med"), HSL 16 kap. 4 § st 2: the plan is drawn up together
 * with the person when possible, so every plan that is not a draft states how the person took part: exactly
 * one {@code patient-participation} extension with a {@code valueCoding} that has a code. Whether the code is
 * one of {@code participation} is the profile's concern.
 */
@Component
public class PatientParticipationRule extends AbstractPlanRule {

    public PatientParticipationRule() {
        super("PLAN-PARTICIPATION", "LSS 10 §, HSL 16:4 st 2",
                "En plan som inte är utkast ska ange hur personen själv deltog i planeringen.",
                "A plan that is not a draft states how the person took part in drawing it up (patient-participation).");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (PlanSupport.isDraft(plan)) {
            return;
        }
        List<Extension> exts = plan.getExtensionsByUrl(KartaTerms.EXT_PATIENT_PARTICIPATION);
        if (exts.size() == 1 && exts.get(0).getValue() instanceof Coding c && c.hasCode()) {
            return;
        }
        out.add(violation(exts.size() > 1
                        ? "Planen anger personens delaktighet flera gånger; ange den en gång."
                        : "Planen ska ange om och hur personen deltog i planeringen (delaktighet).",
                "Exactly one patient-participation extension with a coded valueCoding is required, found " + exts.size() + ".",
                KartaTerms.extensionPath("CarePlan", KartaTerms.EXT_PATIENT_PARTICIPATION)));
    }
}
