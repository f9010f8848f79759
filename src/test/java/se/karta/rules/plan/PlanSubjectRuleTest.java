package se.karta.rules.plan;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import se.karta.rules.KartaWorld;

class PlanSubjectRuleTest {

    private static final String ID = "PLAN-SUBJECT";
    private final KartaWorld w = new KartaWorld();

    @Test
    void samePersonEverywherePasses() {
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void samePersonWrittenDifferentlyPasses() {
        w.sipTeam.setSubject(new Reference("http://localhost:8080/fhir/Patient/p1"));
        w.sipConsent.setPatient(new Reference("Patient/p1/_history/7"));
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void careTeamOfAnotherPersonFails() {
        w.sipTeam.setSubject(new Reference("Patient/p2"));
        assertOnly(ID, "CarePlan.careTeam", w.sip, w.ctx);
    }

    @Test
    void sipConsentOfAnotherPersonFailsHereOnly() {
        w.sipConsent.setPatient(new Reference("Patient/p2"));
        assertOnly(ID, "CarePlan.supportingInfo[0]", w.sip, w.ctx);
    }

    @Test
    void appliesToDraftsToo() {
        w.sip.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.sipConsent.setPatient(new Reference("Patient/p2"));
        assertOnly(ID, "CarePlan.supportingInfo[0]", w.sip, w.ctx);
    }
}
