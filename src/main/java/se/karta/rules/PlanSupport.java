package se.karta.rules;

import se.karta.terms.KartaTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/** Static domain helpers shared by the rules: plan kind, care-team principals, referenced consents. */
public final class PlanSupport {

    private PlanSupport() {
    }

    /** A care-team participant together with the organisation it stands for. */
    public record TeamOrganization(int index, CareTeam.CareTeamParticipantComponent participant, Reference organization) {
    }

    /** A {@code CarePlan.supportingInfo} entry that is (or names) a Consent; {@code consent} is null when unresolvable. */
    public record PlanConsent(int index, Reference reference, Consent consent) {
    }

    /** The plan kind: the code of the first {@code plan-type} coding in {@code CarePlan.category}, if any. */
    public static Optional<String> planType(CarePlan plan) {
        for (CodeableConcept cc : plan.getCategory()) {
            for (Coding c : cc.getCoding()) {
                if (KartaTerms.CS_PLAN_TYPE.equals(c.getSystem()) && c.hasCode()) {
                    return Optional.of(c.getCode());
                }
            }
        }
        return Optional.empty();
    }

    public static boolean isSip(CarePlan plan) {
        return planType(plan).filter(KartaTerms.PLAN_SIP::equals).isPresent();
    }

    public static boolean isLssIp(CarePlan plan) {
        return planType(plan).filter(KartaTerms.PLAN_LSS_IP::equals).isPresent();
    }

    /** Draft plans are exempt from the "not draft" rules. A missing status is treated as not draft. */
    public static boolean isDraft(CarePlan plan) {
        return plan.getStatus() == CarePlan.CarePlanStatus.DRAFT;
    }

    public static boolean hasCoding(CodeableConcept cc, String system, String code) {
        if (cc == null) {
            return false;
        }
        for (Coding c : cc.getCoding()) {
            if (system.equals(c.getSystem()) && code.equals(c.getCode())) {
                return true;
            }
        }
        return false;
    }

    public static boolean hasCoding(List<CodeableConcept> ccs, String system, String code) {
        for (CodeableConcept cc : ccs) {
            if (hasCoding(cc, system, code)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code principal-type} code of an organisation ({@code Organization.type}), if any. */
    public static Optional<String> principalType(Organization org) {
        for (CodeableConcept cc : org.getType()) {
            for (Coding c : cc.getCoding()) {
                if (KartaTerms.CS_PRINCIPAL_TYPE.equals(c.getSystem()) && c.hasCode()) {
                    return Optional.of(c.getCode());
                }
            }
        }
        return Optional.empty();
    }

    public static boolean isRegionOrKommun(Organization org) {
        return principalType(org)
                .filter(t -> t.equals(KartaTerms.PRINCIPAL_REGION) || t.equals(KartaTerms.PRINCIPAL_KOMMUN))
                .isPresent();
    }

    /**
     * The organisation a participant stands for: its {@code member} when that is an Organization,
     * else its {@code onBehalfOf} (a practitioner representing an organisation), else empty.
     */
    public static Optional<Reference> organizationOf(CareTeam team, CareTeam.CareTeamParticipantComponent p,
            RuleContext ctx) {
        Reference member = p.getMember();
        String type = References.typeOf(member);
        if ("Organization".equals(type)) {
            return Optional.of(member);
        }
        if (type == null && member != null && !member.isEmpty()
                && AbstractLegalRule.resolve(team, member, Organization.class, ctx).isPresent()) {
            return Optional.of(member);
        }
        if (p.hasOnBehalfOf()) {
            return Optional.of(p.getOnBehalfOf());
        }
        return Optional.empty();
    }

    /** Every participant that stands for an organisation (any role). */
    public static List<TeamOrganization> organizations(CareTeam team, RuleContext ctx) {
        List<TeamOrganization> out = new ArrayList<>();
        for (int i = 0; i < team.getParticipant().size(); i++) {
            CareTeam.CareTeamParticipantComponent p = team.getParticipant().get(i);
            int index = i;
            organizationOf(team, p, ctx).ifPresent(org -> out.add(new TeamOrganization(index, p, org)));
        }
        return out;
    }

    /** Participants with role {@code participant-role#principal} and the organisation each stands for. */
    public static List<TeamOrganization> principals(CareTeam team, RuleContext ctx) {
        List<TeamOrganization> out = new ArrayList<>();
        for (TeamOrganization t : organizations(team, ctx)) {
            if (hasCoding(t.participant().getRole(), KartaTerms.CS_PARTICIPANT_ROLE, KartaTerms.ROLE_PRINCIPAL)) {
                out.add(t);
            }
        }
        return out;
    }

    /** True when the reference is one of the care team's principal organisations. */
    public static boolean isPrincipal(CareTeam team, Reference org, RuleContext ctx) {
        for (TeamOrganization t : principals(team, ctx)) {
            if (ctx.sameResource(t.organization(), org)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code CarePlan.supportingInfo} entries that are Consents: resolved ones, and unresolvable ones
     * whose reference names the Consent type (with {@code consent == null}).
     */
    public static List<PlanConsent> consents(CarePlan plan, RuleContext ctx) {
        List<PlanConsent> out = new ArrayList<>();
        for (int i = 0; i < plan.getSupportingInfo().size(); i++) {
            Reference ref = plan.getSupportingInfo().get(i);
            Optional<Consent> c = AbstractLegalRule.resolve(plan, ref, Consent.class, ctx);
            if (c.isPresent()) {
                out.add(new PlanConsent(i, ref, c.get()));
            } else if ("Consent".equals(References.typeOf(ref))) {
                out.add(new PlanConsent(i, ref, null));
            }
        }
        return out;
    }

    public static boolean isSipConsent(Consent c) {
        return hasCoding(c.getCategory(), KartaTerms.CS_CONSENT_CATEGORY, KartaTerms.CONSENT_SIP);
    }

    /** Resolved sip-consents referenced by the plan, ignoring entered-in-error ones. */
    public static List<PlanConsent> sipConsents(CarePlan plan, RuleContext ctx) {
        List<PlanConsent> out = new ArrayList<>();
        for (PlanConsent pc : consents(plan, ctx)) {
            if (pc.consent() != null && isSipConsent(pc.consent())
                    && pc.consent().getStatus() != Consent.ConsentState.ENTEREDINERROR) {
                out.add(pc);
            }
        }
        return out;
    }

    /**
     * True when the plan's SIP consent is withdrawn: it references at least one sip-consent that is
     * {@code inactive} or {@code rejected} and none that is {@code active}. Owned by SIP-CONSENT-WITHDRAWN;
     * SIP-CONSENT stays silent then.
     */
    public static boolean sipConsentWithdrawn(CarePlan plan, RuleContext ctx) {
        boolean withdrawn = false;
        for (PlanConsent pc : sipConsents(plan, ctx)) {
            Consent.ConsentState s = pc.consent().getStatus();
            if (s == Consent.ConsentState.ACTIVE) {
                return false;
            }
            if (s == Consent.ConsentState.INACTIVE || s == Consent.ConsentState.REJECTED) {
                withdrawn = true;
            }
        }
        return withdrawn;
    }

    /** A short description of an organisation reference for messages: its name when resolvable. */
    public static String describeOrg(Reference ref, RuleContext ctx) {
        Optional<Organization> org = ctx.resolve(ref, Organization.class);
        String d = References.describe(ref);
        return org.filter(Organization::hasName).map(o -> o.getName() + " (" + d + ")").orElse(d);
    }
}
