package se.karta.rules.sip;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import se.karta.rules.KartaWorld;

class DutyToParticipateRuleTest {

    private static final String ID = "SIP-DUTY-TO-PARTICIPATE";
    private final KartaWorld w = new KartaWorld();

    @Test
    void acceptedPlanningRequestPasses() {
        assertPasses(w.planningRequest, w.ctx);
    }

    @Test
    void kommunMayNotRejectRegionsRequest() {
        w.planningRequest.setStatus(Task.TaskStatus.REJECTED);
        assertOnly(ID, "Task.status", w.planningRequest, w.ctx);
    }

    @Test
    void regionMayNotRejectKommunsRequest() {
        w.planningRequest.setRequester(new Reference("Organization/kommun"));
        w.planningRequest.setOwner(new Reference("Organization/region"));
        w.planningRequest.setStatus(Task.TaskStatus.REJECTED);
        assertOnly(ID, "Task.status", w.planningRequest, w.ctx);
    }

    @Test
    void otherActorsMayReject() {
        w.planningRequest.setOwner(new Reference("Organization/fk"));
        w.planningRequest.setStatus(Task.TaskStatus.REJECTED);
        assertPasses(w.planningRequest, w.ctx);
    }

    @Test
    void otherTaskTypesMayBeRejected() {
        w.planningRequest.getCode().getCodingFirstRep().setCode("ip-request");
        w.planningRequest.setStatus(Task.TaskStatus.REJECTED);
        assertPasses(w.planningRequest, w.ctx);
    }

    @Test
    void unresolvableOwnerIsNamed() {
        w.planningRequest.setOwner(new Reference("Organization/nowhere"));
        w.planningRequest.setStatus(Task.TaskStatus.REJECTED);
        assertOnly(ID, "Task.owner", w.planningRequest, w.ctx);
    }
}
