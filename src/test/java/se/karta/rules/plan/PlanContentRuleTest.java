package se.karta.rules.plan;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import se.karta.rules.KartaWorld;

class PlanContentRuleTest {

    private static final String ID = "PLAN-CONTENT";
    private final KartaWorld w = new KartaWorld();

    @Test
    void activitiesPerformedByCareTeamOrganisationsPass() {
        assertPasses(w.sip, w.ctx);
        assertPasses(w.lss, w.ctx);
    }

    @Test
    void planWithoutActivitiesFails() {
        w.sip.getActivity().clear();
        assertOnly(ID, "CarePlan.activity", w.sip, w.ctx);
    }

    @Test
    void draftWithoutActivitiesPasses() {
        w.sip.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.sip.getActivity().clear();
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void activityWithoutPerformerFails() {
        w.sip.getActivity().get(1).getDetail().getPerformer().clear();
        assertOnly(ID, "CarePlan.activity[1].detail.performer", w.sip, w.ctx);
    }

    @Test
    void activityWithTwoPerformersFails() {
        w.sip.getActivity().get(0).getDetail().addPerformer(new Reference("Organization/kommun"));
        assertOnly(ID, "CarePlan.activity[0].detail.performer", w.sip, w.ctx);
    }

    @Test
    void performerOutsideTheCareTeamFails() {
        w.sip.getActivity().get(2).getDetail().getPerformer().set(0, new Reference("Organization/elsewhere"));
        assertOnly(ID, "CarePlan.activity[2].detail.performer", w.sip, w.ctx);
    }

    @Test
    void performerThatIsNoOrganisationFails() {
        w.sip.getActivity().get(0).getDetail().getPerformer().set(0, new Reference("RelatedPerson/rel1"));
        assertOnly(ID, "CarePlan.activity[0].detail.performer", w.sip, w.ctx);
    }

    @Test
    void activityWithoutDetailFails() {
        w.sip.addActivity().setReference(new Reference("Appointment/a1"));
        assertOnly(ID, "CarePlan.activity[3].detail", w.sip, w.ctx);
    }
}
