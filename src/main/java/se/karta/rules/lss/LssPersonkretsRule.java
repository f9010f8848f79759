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
 * {@code LSS-PERSONKRETS} — LSS 1 §, 10 §: an individuell plan enligt LSS is for a person in the personkrets
 * of 1 § LSS, so every {@code lss-ip} (drafts included) states it: exactly one {@code lss-personkrets}
 * extension with a {@code valueCoding} whose code is {@code 1}, {@code 2} or {@code 3}.
 */
@Component
public class LssPersonkretsRule extends AbstractPlanRule {

    private static final List<String> CODES = List.of("1", "2", "3");

    public LssPersonkretsRule() {
        super("LSS-PERSONKRETS", "LSS 1 §, 10 §",
                "En individuell plan enligt LSS ska ange vilken personkrets enligt 1 § LSS personen tillhör.",
                "An individual plan under LSS states the person's personkrets (1 § LSS, point 1, 2 or 3).");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (!PlanSupport.isLssIp(plan)) {
            return;
        }
        List<Extension> exts = plan.getExtensionsByUrl(KartaTerms.EXT_LSS_PERSONKRETS);
        if (exts.size() == 1 && exts.get(0).getValue() instanceof Coding c && CODES.contains(c.getCode())) {
            return;
        }
        out.add(violation("Planen ska ange personkrets enligt 1 § LSS (1, 2 eller 3).",
                "Exactly one lss-personkrets extension with valueCoding code 1, 2 or 3 is required (found " + exts.size()
                        + " extension(s)).",
                KartaTerms.extensionPath("CarePlan", KartaTerms.EXT_LSS_PERSONKRETS)));
    }
}
