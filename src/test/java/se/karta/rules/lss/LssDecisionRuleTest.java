package se.karta.rules.lss;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

import se.karta.terms.KartaTerms;
import se.karta.rules.KartaWorld;

class LssDecisionRuleTest {

    private static final String ID = "LSS-DECISION";
    private final KartaWorld w = new KartaWorld();

    @Test
    void decidedAndPlannedPass() {
        assertPasses(w.lss, w.ctx);
    }

    @Test
    void activityWithoutDecisionFailsEvenInDraft() {
        w.lss.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.lss.getActivity().get(1).getDetail().getExtension().clear();
        assertOnly(ID, "CarePlan.activity[1].detail.extension('" + KartaTerms.EXT_INSATS_DECISION + "')", w.lss, w.ctx);
    }

    @Test
    void otherCodeFails() {
        w.lss.getActivity().get(0).getDetail().getExtensionByUrl(KartaTerms.EXT_INSATS_DECISION)
                .setValue(new Coding(KartaTerms.CS_INSATS_DECISION, "maybe", null));
        assertOnly(ID, "CarePlan.activity[0].detail.extension('" + KartaTerms.EXT_INSATS_DECISION + "')", w.lss, w.ctx);
    }

    @Test
    void sipActivitiesNeedNoDecision() {
        assertPasses(w.sip, w.ctx);
    }
}
