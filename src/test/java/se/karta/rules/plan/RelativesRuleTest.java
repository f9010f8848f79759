package se.karta.rules.plan;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import se.karta.rules.KartaWorld;

class RelativesRuleTest {

    private static final String ID = "PLAN-RELATIVES";
    private final KartaWorld w = new KartaWorld();

    @Test
    void relativeWithoutObjectionPasses() {
        assertPasses(w.sipTeam, w.ctx);
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void objectionToAllRelativesRejectsCurrentRelative() {
        w.objection("Consent/no-relatives");
        assertOnly(ID, "CareTeam.participant[3]", w.sipTeam, w.ctx);
    }

    @Test
    void planIsCheckedThroughItsCareTeam() {
        w.objection("Consent/no-relatives");
        assertOnly(ID, "CarePlan.careTeam", w.sip, w.ctx);
    }

    @Test
    void objectionNamingAnotherRelativePasses() {
        w.objection("Consent/not-rel2", new Reference("RelatedPerson/rel2"));
        assertPasses(w.sipTeam, w.ctx);
    }

    @Test
    void objectionNamingThisRelativeFails() {
        w.objection("Consent/not-rel1", new Reference("RelatedPerson/rel1"));
        assertOnly(ID, "CareTeam.participant[3]", w.sipTeam, w.ctx);
    }

    @Test
    void endedParticipationPasses() {
        w.objection("Consent/no-relatives");
        w.sipTeam.getParticipant().get(3).getPeriod().setEndElement(new DateTimeType("2026-11-01T09:00:00+01:00"));
        assertPasses(w.sipTeam, w.ctx);
        w.sipTeam.getParticipant().get(3).getPeriod().setEndElement(new DateTimeType("2026-11-22"));
        assertPasses(w.sipTeam, w.ctx);
    }

    @Test
    void participationEndingLaterIsStillCurrent() {
        w.objection("Consent/no-relatives");
        w.sipTeam.getParticipant().get(3).getPeriod().setEndElement(new DateTimeType("2026-12-31"));
        assertOnly(ID, "CareTeam.participant[3]", w.sipTeam, w.ctx);
        w.sipTeam.getParticipant().get(3).getPeriod().setEndElement(new DateTimeType("2026-11-23"));
        assertOnly(ID, "CareTeam.participant[3]", w.sipTeam, w.ctx);
    }

    @Test
    void inactiveOrPermittingConsentPasses() {
        Consent c = w.objection("Consent/no-relatives");
        c.setStatus(Consent.ConsentState.INACTIVE);
        assertPasses(w.sipTeam, w.ctx);
        c.setStatus(Consent.ConsentState.ACTIVE);
        c.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        assertPasses(w.sipTeam, w.ctx);
    }

    @Test
    void objectionOfAnotherPersonPasses() {
        Consent c = w.objection("Consent/no-relatives");
        c.setPatient(new Reference("Patient/p2"));
        assertPasses(w.sipTeam, w.ctx);
    }

    @Test
    void theObjectionItselfIsNeverRejected() {
        Consent c = w.objection("Consent/no-relatives");
        assertPasses(c, w.ctx);
    }
}
