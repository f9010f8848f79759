package se.karta.rules;

import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The fixture worlds are valid: no rule fails for any of their resources. */
class KartaWorldTest {

    @Test
    void everyResourceOfTheValidWorldsPasses() {
        KartaWorld w = new KartaWorld();
        for (Resource r : w.ctx.resources()) {
            assertPasses(r, w.ctx);
        }
    }

    @Test
    void draftsPassToo() {
        KartaWorld w = new KartaWorld();
        w.sip.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.DRAFT);
        w.lss.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.DRAFT);
        assertPasses(w.sip, w.ctx);
        assertPasses(w.lss, w.ctx);
    }
}
