package se.karta.rules.lss;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

import se.karta.terms.KartaTerms;
import se.karta.rules.KartaWorld;

class LssPersonkretsRuleTest {

    private static final String ID = "LSS-PERSONKRETS";
    private static final String EXPR = "CarePlan.extension('" + KartaTerms.EXT_LSS_PERSONKRETS + "')";
    private final KartaWorld w = new KartaWorld();

    @Test
    void statedPersonkretsPasses() {
        assertPasses(w.lss, w.ctx);
    }

    @Test
    void missingPersonkretsFailsEvenInDraft() {
        w.lss.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.lss.getExtension().removeIf(e -> e.getUrl().equals(KartaTerms.EXT_LSS_PERSONKRETS));
        assertOnly(ID, EXPR, w.lss, w.ctx);
    }

    @Test
    void unknownPersonkretsFails() {
        w.lss.getExtensionByUrl(KartaTerms.EXT_LSS_PERSONKRETS).setValue(new Coding(KartaTerms.CS_LSS_PERSONKRETS, "4", null));
        assertOnly(ID, EXPR, w.lss, w.ctx);
    }

    @Test
    void sipNeedsNoPersonkrets() {
        assertPasses(w.sip, w.ctx);
    }
}
