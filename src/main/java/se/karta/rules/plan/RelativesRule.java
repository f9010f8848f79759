package se.karta.rules.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

import se.karta.rules.AbstractLegalRule;
import se.karta.terms.KartaTerms;
import se.karta.rules.LegalRule;
import se.karta.rules.PlanSupport;
import se.karta.rules.References;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleViolation;

/**
 * {@code PLAN-RELATIVES} — HSL 16 kap. 4 § st 2, SoL 2 kap. 7 § st 2: relatives take part in the planning
 * only if the person does not object. A care team may not have a current participant with role
 * {@code participant-role#relative} while the person ({@code CareTeam.subject}) has an {@code active}
 * Consent of category {@code relative-participation} with {@code provision.type = deny} that covers that
 * relative: a deny without {@code provision.actor} covers all relatives, one with actors only the
 * participants whose {@code member} is one of the actors' references.
 *
 * <p>Checked for a CareTeam (expression {@code CareTeam.participant[i]}) and for a CarePlan through its care
 * team (expression {@code CarePlan.careTeam}; a care team that cannot be found is reported). The objection
 * itself is never rejected by this rule.
 *
 * <p>"Current" = no {@code period.end}, or an end that has not passed: a date-only end covers the whole day
 * (past when before {@link RuleContext#today()}), an end with a time is past when not after
 * {@link RuleContext#now()}. {@code provision.period} of the objection is not considered.
 */
@Component
public class RelativesRule implements LegalRule {

    public static final String ID = "PLAN-RELATIVES";

    /** No-arg constructor for discovery. */
    public RelativesRule() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String legalSource() {
        return "HSL 16:4 st 2, SoL 2:7 st 2";
    }

    @Override
    public String textSv() {
        return "En närstående får inte delta i planeringsgruppen när personen har motsatt sig att närstående deltar.";
    }

    @Override
    public String textEn() {
        return "No current relative takes part in the care team while the person has an active relative-participation objection (deny) that covers them.";
    }

    @Override
    public Class<CareTeam> appliesTo() {
        return CareTeam.class;
    }

    @Override
    public List<Class<? extends Resource>> resourceTypes() {
        return List.of(CareTeam.class, CarePlan.class);
    }

    @Override
    public List<RuleViolation> check(Resource resource, RuleContext ctx) {
        List<RuleViolation> out = new ArrayList<>();
        if (resource instanceof CareTeam team) {
            for (Covered c : covered(team, team.getSubject(), ctx)) {
                out.add(new RuleViolation(ID,
                        "Personen har motsatt sig att närstående deltar (" + c.consent() + "); " + c.member()
                                + " får inte vara aktiv deltagare i planeringsgruppen.",
                        "Participant " + c.member() + " with role relative is current while relative-participation deny "
                                + c.consent() + " covers them; end the participation (period.end).",
                        "CareTeam.participant[" + c.index() + "]"));
            }
        } else if (resource instanceof CarePlan plan) {
            if (!plan.hasCareTeam()) {
                return List.of(); // nothing to check; PLAN-SUBJECT and others report the missing care team
            }
            Optional<CareTeam> team = AbstractLegalRule.resolve(plan, plan.getCareTeamFirstRep(), CareTeam.class, ctx);
            if (team.isEmpty()) {
                String ref = References.describe(plan.getCareTeamFirstRep());
                out.add(new RuleViolation(ID, "Planeringsgruppen " + ref + " hittades inte.",
                        "Care team " + ref + " not found; PLAN-RELATIVES needs it.", "CarePlan.careTeam"));
                return out;
            }
            Reference subject = team.get().hasSubject() ? team.get().getSubject() : plan.getSubject();
            for (Covered c : covered(team.get(), subject, ctx)) {
                out.add(new RuleViolation(ID,
                        "Personen har motsatt sig att närstående deltar (" + c.consent() + "); " + c.member()
                                + " deltar ändå i planens planeringsgrupp.",
                        "Care team participant[" + c.index() + "] " + c.member()
                                + " with role relative is current while relative-participation deny " + c.consent() + " covers them.",
                        "CarePlan.careTeam"));
            }
        }
        return out;
    }

    private record Covered(int index, String member, String consent) {
    }

    private static List<Covered> covered(CareTeam team, Reference person, RuleContext ctx) {
        List<Covered> out = new ArrayList<>();
        if (person == null || person.isEmpty()) {
            return out;
        }
        List<Consent> objections = ctx.consentsOf(person).stream()
                .filter(c -> c.getStatus() == Consent.ConsentState.ACTIVE)
                .filter(c -> PlanSupport.hasCoding(c.getCategory(), KartaTerms.CS_CONSENT_CATEGORY,
                        KartaTerms.CONSENT_RELATIVE_PARTICIPATION))
                .filter(c -> c.getProvision().getType() == Consent.ConsentProvisionType.DENY)
                .toList();
        if (objections.isEmpty()) {
            return out;
        }
        for (int i = 0; i < team.getParticipant().size(); i++) {
            CareTeam.CareTeamParticipantComponent p = team.getParticipant().get(i);
            if (!PlanSupport.hasCoding(p.getRole(), KartaTerms.CS_PARTICIPANT_ROLE, KartaTerms.ROLE_RELATIVE)
                    || !isCurrent(p, ctx)) {
                continue;
            }
            for (Consent c : objections) {
                if (covers(c, p.getMember(), ctx)) {
                    String consentRef = References.key(c) != null ? References.key(c) : "Consent";
                    out.add(new Covered(i, References.describe(p.getMember()), consentRef));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean covers(Consent objection, Reference member, RuleContext ctx) {
        List<Consent.provisionActorComponent> actors = objection.getProvision().getActor();
        if (actors.isEmpty()) {
            return true;
        }
        for (Consent.provisionActorComponent a : actors) {
            if (ctx.sameResource(a.getReference(), member)) {
                return true;
            }
        }
        return false;
    }

    static boolean isCurrent(CareTeam.CareTeamParticipantComponent p, RuleContext ctx) {
        if (!p.hasPeriod() || !p.getPeriod().hasEnd()) {
            return true;
        }
        DateTimeType end = p.getPeriod().getEndElement();
        TemporalPrecisionEnum precision = end.getPrecision();
        if (precision.ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            // a date-only end covers its whole day (month/year: the whole month/year)
            LocalDate endDate = LocalDate.of(end.getYear(), end.getMonth() + 1, 1);
            endDate = switch (precision) {
                case YEAR -> LocalDate.of(end.getYear(), 12, 31);
                case MONTH -> endDate.withDayOfMonth(endDate.lengthOfMonth());
                default -> endDate.withDayOfMonth(end.getDay());
            };
            return !endDate.isBefore(ctx.today());
        }
        return end.getValue().toInstant().isAfter(ctx.now());
    }
}
