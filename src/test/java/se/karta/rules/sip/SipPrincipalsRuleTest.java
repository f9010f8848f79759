package se.karta.rules.sip;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import se.karta.rules.KartaWorld;
import se.karta.rules.RuleViolation;

class SipPrincipalsRuleTest {

    private static final String ID = "SIP-PRINCIPALS";
    private final KartaWorld w = new KartaWorld();

    @Test
    void regionAndKommunPrincipalsPass() {
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void draftSipWithoutKommunPrincipalFails() {
        w.sip.setStatus(CarePlan.CarePlanStatus.DRAFT);
        // the kommun stays in the team, but as another actor only
        w.sipTeam.getParticipant().get(1).getRoleFirstRep().getCodingFirstRep().setCode("other-actor");
        RuleViolation v = assertOnly(ID, "CarePlan.careTeam", w.sip, w.ctx);
        org.junit.jupiter.api.Assertions.assertTrue(v.diagnosticsEn().contains("kommun"));
    }

    @Test
    void unresolvableCareTeamIsNamed() {
        w.sip.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.sip.getCareTeam().clear();
        w.sip.addCareTeam(new Reference("CareTeam/missing"));
        var v = se.karta.rules.RuleAssertions.check(w.sip, w.ctx).stream().filter(x -> x.ruleId().equals(ID)).toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, v.size());
        org.junit.jupiter.api.Assertions.assertTrue(v.get(0).messageSv().contains("CareTeam/missing"));
    }
}
