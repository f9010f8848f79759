package se.karta.rules.lss;

import se.karta.terms.KartaTerms;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

import se.karta.rules.KartaWorld;

class LssPrincipalsRuleTest {

    private static final String ID = "LSS-PRINCIPALS";
    private final KartaWorld w = new KartaWorld();

    @Test
    void regionAndKommunPrincipalsPass() {
        assertPasses(w.lss, w.ctx);
    }

    @Test
    void teamWithoutRegionPrincipalFails() {
        // the region stays as a member, but not as principal; make the kommun overall responsible
        w.lssTeam.getParticipant().get(0).getRoleFirstRep().getCodingFirstRep().setCode("other-actor");
        w.lss.getExtensionByUrl(se.karta.terms.KartaTerms.EXT_OVERALL_RESPONSIBILITY)
                .setValue(KartaWorld.ref(w.kommun));
        assertOnly(ID, "CarePlan.careTeam", w.lss, w.ctx);
    }

    @Test
    void draftWithoutRegionPrincipalPasses() {
        w.lss.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.lssTeam.getParticipant().get(0).getRoleFirstRep().getCodingFirstRep().setCode("other-actor");
        assertPasses(w.lss, w.ctx);
    }
}
