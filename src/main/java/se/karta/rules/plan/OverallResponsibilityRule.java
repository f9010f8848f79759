package se.karta.rules.plan;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.terms.KartaTerms;
import se.karta.rules.PlanSupport;
import se.karta.rules.References;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code PLAN-OVERALL-RESPONSIBILITY} — HSL 16 kap. 4 § st 3 p 4: the plan states which principal has the
 * overall responsibility. Every plan that is not a draft has exactly one {@code overall-responsibility}
 * extension whose {@code valueReference} is an Organization of {@code principal-type} region or kommun that is
 * a {@code principal} participant of the care team.
 */
@Component
public class OverallResponsibilityRule extends AbstractPlanRule {

    public OverallResponsibilityRule() {
        super("PLAN-OVERALL-RESPONSIBILITY", "HSL 16:4 st 3 p 4",
                "En plan som inte är utkast ska ange en region eller kommun som har det övergripande ansvaret och som är huvudman i planeringsgruppen.",
                "A plan that is not a draft names one organisation of type region or kommun, a principal in the care team, as overall responsible.");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (PlanSupport.isDraft(plan)) {
            return;
        }
        String expr = KartaTerms.extensionPath("CarePlan", KartaTerms.EXT_OVERALL_RESPONSIBILITY);
        List<Extension> exts = plan.getExtensionsByUrl(KartaTerms.EXT_OVERALL_RESPONSIBILITY);
        if (exts.size() != 1 || !(exts.get(0).getValue() instanceof Reference ref) || ref.isEmpty()) {
            out.add(violation(exts.size() > 1
                            ? "Planen anger flera organisationer med övergripande ansvar; det ska vara exakt en."
                            : "Planen anger inte vem som har det övergripande ansvaret.",
                    "Exactly one overall-responsibility extension with a valueReference is required, found " + exts.size() + ".",
                    expr));
            return;
        }
        String d = References.describe(ref);
        Optional<Organization> org = resolve(plan, ref, Organization.class, ctx);
        if (org.isEmpty()) {
            out.add(violation("Organisationen " + d + " med övergripande ansvar hittades inte.",
                    "Overall-responsible Organization " + d + " not found.", expr));
            return;
        }
        if (!PlanSupport.isRegionOrKommun(org.get())) {
            out.add(violation("Det övergripande ansvaret ska ligga hos en region eller kommun, men " + PlanSupport.describeOrg(ref, ctx)
                            + " är av typen " + PlanSupport.principalType(org.get()).orElse("(saknas)") + ".",
                    "Overall-responsible organisation " + d + " has principal-type "
                            + PlanSupport.principalType(org.get()).orElse("(none)") + ", not region or kommun.",
                    expr));
            return;
        }
        Optional<CareTeam> team = careTeam(plan, ctx, out);
        if (team.isPresent() && !PlanSupport.isPrincipal(team.get(), ref, ctx)) {
            out.add(violation("Organisationen med övergripande ansvar, " + PlanSupport.describeOrg(ref, ctx)
                            + ", är inte huvudman i planeringsgruppen.",
                    "Overall-responsible organisation " + d + " is not a participant with role principal in the care team.",
                    expr));
        }
    }
}
