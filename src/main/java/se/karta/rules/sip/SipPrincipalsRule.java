package se.karta.rules.sip;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.rules.PrincipalCheck;
import se.karta.rules.PlanSupport;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code SIP-PRINCIPALS} — HSL 16 kap. 4 § st 1, SoL 2 kap. 7 § st 1: a SIP is drawn up by the region and
 * the kommun together. Every SIP (drafts included) has a care team with at least one {@code principal}
 * participant standing for an Organization of type {@code region} and one of type {@code kommun}.
 */
@Component
public class SipPrincipalsRule extends AbstractPlanRule {

    public SipPrincipalsRule() {
        super("SIP-PRINCIPALS", "HSL 16:4 st 1, SoL 2:7 st 1",
                "Planeringsgruppen för en SIP ska ha minst en huvudman som är region och en som är kommun.",
                "The care team of a SIP has at least one principal of type region and one of type kommun.");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (!PlanSupport.isSip(plan)) {
            return;
        }
        Optional<CareTeam> team = careTeam(plan, ctx, out);
        team.flatMap(t -> PrincipalCheck.regionAndKommun(t, ctx)).ifPresent(missing -> out.add(violation(
                "En SIP upprättas av region och kommun tillsammans: planeringsgruppen saknar huvudman av typen " + missing.sv() + ".",
                "SIP care team lacks a principal participant of principal-type " + missing.en() + ".",
                "CarePlan.careTeam")));
    }
}
