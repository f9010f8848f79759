package se.karta.rules.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

import se.karta.rules.AbstractPlanRule;
import se.karta.rules.PlanSupport;
import se.karta.rules.PlanSupport.PlanConsent;
import se.karta.rules.PlanSupport.TeamOrganization;
import se.karta.rules.References;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code SIP-CONSENT} — HSL 16 kap. 4 § st 2, SoL 2 kap. 7 § st 2: a SIP may only be drawn up with the
 * person's consent. An {@code active} or {@code on-hold} SIP must reference (in {@code CarePlan.supportingInfo})
 * an {@code active} {@code sip-consent} Consent whose {@code Consent.organization} covers every care-team
 * participant with role {@code principal}.
 *
 * <p>Decisions, to keep the rules disjoint:
 * <ul>
 * <li>When the plan's SIP consent is withdrawn (a referenced sip-consent is {@code inactive}/{@code rejected}
 * and none is {@code active}) this rule is silent: that is {@code SIP-CONSENT-WITHDRAWN}'s job.</li>
 * <li>A consent of another person is reported by {@code PLAN-SUBJECT} only, not here.</li>
 * <li>{@code draft}/{@code proposed} consents were never active and fail here; {@code entered-in-error} ones
 * are ignored as if not referenced.</li>
 * <li>A principal participant that stands for no organisation (a practitioner without {@code onBehalfOf})
 * cannot be checked and is skipped.</li>
 * </ul>
 */
@Component
public class SipConsentRule extends AbstractPlanRule {

    public SipConsentRule() {
        super("SIP-CONSENT", "HSL 16:4 st 2, SoL 2:7 st 2",
                "En aktiv eller vilande SIP ska hänvisa till ett aktivt samtycke till SIP från personen, lämnat till varje huvudman i planeringsgruppen.",
                "An active or on-hold SIP references an active sip-consent Consent of the same person, given to every principal in the care team.");
    }

    @Override
    protected void verify(CarePlan plan, RuleContext ctx, List<RuleViolation> out) {
        if (!PlanSupport.isSip(plan) || (plan.getStatus() != CarePlan.CarePlanStatus.ACTIVE
                && plan.getStatus() != CarePlan.CarePlanStatus.ONHOLD)) {
            return;
        }
        if (PlanSupport.sipConsentWithdrawn(plan, ctx)) {
            return;
        }
        List<PlanConsent> consents = PlanSupport.sipConsents(plan, ctx);
        List<PlanConsent> unresolved = PlanSupport.consents(plan, ctx).stream().filter(pc -> pc.consent() == null).toList();
        List<PlanConsent> activeOnes = consents.stream()
                .filter(pc -> pc.consent().getStatus() == Consent.ConsentState.ACTIVE).toList();

        List<TeamOrganization> principals = List.of();
        List<RuleViolation> teamProblems = new ArrayList<>();
        if (!activeOnes.isEmpty()) {
            Optional<CareTeam> team = careTeam(plan, ctx, teamProblems);
            if (team.isEmpty()) {
                out.addAll(teamProblems);
                return;
            }
            principals = PlanSupport.principals(team.get(), ctx);
            for (PlanConsent pc : activeOnes) {
                if (missingPrincipals(pc.consent(), principals, ctx).isEmpty()) {
                    return; // a valid consent
                }
            }
        }

        if (consents.isEmpty() && unresolved.isEmpty()) {
            out.add(violation("En aktiv SIP kräver samtycke: planen hänvisar inte till något samtycke till SIP (supportingInfo).",
                    "Active/on-hold SIP has no supportingInfo reference to a Consent with category consent-category#sip-consent.",
                    "CarePlan.supportingInfo"));
            return;
        }
        for (PlanConsent pc : unresolved) {
            String ref = References.describe(pc.reference());
            out.add(violation("Samtycket " + ref + " hittades inte.",
                    "Consent " + ref + " referenced by CarePlan.supportingInfo not found; SIP-CONSENT needs it.",
                    "CarePlan.supportingInfo[" + pc.index() + "]"));
        }
        for (PlanConsent pc : consents) {
            Consent c = pc.consent();
            String ref = References.describe(pc.reference());
            String expr = "CarePlan.supportingInfo[" + pc.index() + "]";
            if (c.getStatus() != Consent.ConsentState.ACTIVE) {
                String status = c.getStatus() == null ? "(saknas)" : c.getStatus().toCode();
                out.add(violation("Samtycket till SIP " + ref + " är inte aktivt (status " + status + "); en aktiv SIP kräver ett aktivt samtycke.",
                        "sip-consent " + ref + " has status " + status + ", not active (never given).", expr));
                continue;
            }
            List<String> missing = missingPrincipals(c, principals, ctx);
            out.add(violation("Samtycket till SIP " + ref + " är inte lämnat till alla huvudmän i planeringsgruppen; det saknar "
                    + String.join(", ", missing) + ".",
                    "sip-consent " + ref + " Consent.organization does not cover principal(s) " + String.join(", ", missing)
                            + " of the care team.", expr));
        }
    }

    private static List<String> missingPrincipals(Consent consent, List<TeamOrganization> principals, RuleContext ctx) {
        List<String> missing = new ArrayList<>();
        for (TeamOrganization p : principals) {
            boolean covered = false;
            for (Reference org : consent.getOrganization()) {
                if (ctx.sameResource(org, p.organization())) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                missing.add(PlanSupport.describeOrg(p.organization(), ctx));
            }
        }
        return missing;
    }
}
