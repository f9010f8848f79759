package se.karta.rules.plan;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

import se.karta.terms.KartaTerms;
import se.karta.rules.KartaWorld;

class PatientParticipationRuleTest {

    private static final String ID = "PLAN-PARTICIPATION";
    private static final String EXPR = "CarePlan.extension('" + KartaTerms.EXT_PATIENT_PARTICIPATION + "')";
    private final KartaWorld w = new KartaWorld();

    @Test
    void statedParticipationPasses() {
        assertPasses(w.lss, w.ctx);
        w.lss.getExtensionByUrl(KartaTerms.EXT_PATIENT_PARTICIPATION)
                .setValue(new Coding(KartaTerms.CS_PARTICIPATION, "declined", null));
        assertPasses(w.lss, w.ctx);
    }

    @Test
    void missingParticipationFails() {
        w.lss.getExtension().removeIf(e -> e.getUrl().equals(KartaTerms.EXT_PATIENT_PARTICIPATION));
        assertOnly(ID, EXPR, w.lss, w.ctx);
    }

    @Test
    void participationWithoutCodeFails() {
        w.sip.getExtensionByUrl(KartaTerms.EXT_PATIENT_PARTICIPATION).setValue(new Coding().setDisplay("deltog"));
        assertOnly(ID, EXPR, w.sip, w.ctx);
    }

    @Test
    void draftWithoutParticipationPasses() {
        w.lss.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.lss.getExtension().removeIf(e -> e.getUrl().equals(KartaTerms.EXT_PATIENT_PARTICIPATION));
        assertPasses(w.lss, w.ctx);
    }
}
