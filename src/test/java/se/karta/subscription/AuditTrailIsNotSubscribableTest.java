package se.karta.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import ca.uhn.fhir.rest.server.messaging.BaseResourceMessage;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A stored AuditEvent is kept out of subscription matching; every other change goes on to it. */
class AuditTrailIsNotSubscribableTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private final AuditTrailIsNotSubscribable auditTrail = new AuditTrailIsNotSubscribable(FHIR);

	@Test
	void anAuditEventIsNotMatched() {
		assertThat(auditTrail.matchUnlessAuditEvent(created(new AuditEvent(), "AuditEvent/1"))).isFalse();
	}

	@Test
	void otherChangesAreMatched() {
		assertThat(auditTrail.matchUnlessAuditEvent(created(new CarePlan(), "CarePlan/1"))).isTrue();
	}

	private static ResourceModifiedMessage created(Resource resource, String id) {
		resource.setId(id);
		return new ResourceModifiedMessage(FHIR, resource, BaseResourceMessage.OperationTypeEnum.CREATE);
	}
}
