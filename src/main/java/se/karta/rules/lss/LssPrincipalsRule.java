package se.karta.rules.lss;

import java.util.List;

import org.hl7.fhir.r4.model.CarePlan;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.rules.PlanSupport;
import se.karta.rules.PrincipalCheck;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code LSS-PRINCIPALS} — LSS 10 § st 3: the region and the kommun shall inform each other when an
 * individual plan is drawn up, so the care team of every {@code lss-ip} that is not a draft has a
 * {@code principal} participant of type region and one of type kommun.
 */
@Component
public class LssPrincipalsRule extends AbstractPlanRule {

    public LssPrincipalsRule() {
        super("LSS-PRINCIPALS", "LSS 10 § st 3",
                "Planeringsgruppen för en individuell plan enligt LSS ska ha en huvudman som är region och en som är kommun, så att den som inte upprättat planen kan underrättas.",
                "The care team of a non-draft LSS individual plan names a region and a kommun principal, so the one that did not draw the plan up can be notified.");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (!PlanSupport.isLssIp(plan) || PlanSupport.isDraft(plan)) {
            return;
        }
        careTeam(plan, ctx, out).flatMap(t -> PrincipalCheck.regionAndKommun(t, ctx)).ifPresent(missing -> out.add(violation(
                "Region och kommun ska underrätta varandra om planen: planeringsgruppen saknar huvudman av typen " + missing.sv() + ".",
                "lss-ip care team lacks a principal participant of principal-type " + missing.en() + ".",
                "CarePlan.careTeam")));
    }
}
