package se.karta.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.karta.security.SecurityProperties;

/**
 * Which Patient-compartment links BALP's capture is told to ignore when it names an event's patient,
 * and the events of writes, which Karta builds itself: the same content as BALP's own.
 */
class AuditCaptureTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private final Set<String> ignored = AuditCapture.notPatientParams(FHIR);

	/** Catches the events instead of storing them. */
	static class CapturingRecorder extends AuditRecorder {
		final List<AuditEvent> events = new ArrayList<>();

		CapturingRecorder() {
			super(null, new SecurityProperties(false, null, null, null, null, null, null));
		}

		@Override
		public void recordAuditEvent(AuditEvent event) {
			events.add(event);
		}
	}

	private final CapturingRecorder karta = new CapturingRecorder();
	private final CapturingRecorder balp = new CapturingRecorder();
	private final AuditCapture capture = new AuditCapture(karta, FHIR);
	private final BalpAuditCaptureInterceptor stock = new BalpAuditCaptureInterceptor(balp, balp);

	{
		stock.setOmittedSPNamesInPatientCompartment(capture.getOmittedPatientCompartmentSPNames());
	}

	@Test
	void writeEventsHaveTheContentOfBalpsOwn() {
		CarePlan plan = new CarePlan();
		plan.setId("CarePlan/p1/_history/2");
		plan.setSubject(new Reference("Patient/pat-1"));
		plan.addActivity().getDetail().addPerformer(new Reference("Organization/kommun"));
		Patient person = new Patient();
		person.setId("Patient/pat-2");
		Organization region = new Organization();
		region.setId("Organization/region");

		for (IBaseResource resource : List.of(plan, person, region)) {
			assertSameEvent(resource, RestOperationTypeEnum.CREATE,
					(c, r) -> c.hookStoragePrecommitResourceCreated(resource, r));
			assertSameEvent(resource, RestOperationTypeEnum.UPDATE,
					(c, r) -> c.hookStoragePrecommitResourceUpdated(resource, resource, r));
			assertSameEvent(resource, RestOperationTypeEnum.DELETE,
					(c, r) -> c.hookStoragePrecommitResourceDeleted(resource, r));
		}
		// the plan is the person's data, not the performing organisation's
		AuditEvent planCreated = karta.events.get(0);
		assertThat(planCreated.getEntity()).extracting(e -> e.getWhat().getReference())
				.containsExactly(null, "CarePlan/p1", "Patient/pat-1");
		assertThat(planCreated.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientCreate");
		assertThat(karta.events.get(6).getMeta().getProfile().get(0).getValue())
				.as("an Organization is no person's data").endsWith("IHE.BasicAudit.Create");
		assertThat(planCreated.getText().getDivAsString()).contains("Audit Event");
	}

	private void assertSameEvent(IBaseResource resource, RestOperationTypeEnum operation,
			BiConsumer<BalpAuditCaptureInterceptor, ServletRequestDetails> write) {
		write.accept(capture, request(operation));
		write.accept(stock, request(operation));
		AuditEvent ours = karta.events.get(karta.events.size() - 1);
		AuditEvent theirs = balp.events.get(balp.events.size() - 1);
		assertThat(ours.getRecorded()).isCloseTo(theirs.getRecorded(), 5_000);
		ours.setRecorded(null);
		theirs.setRecorded(null);
		assertThat(FHIR.newJsonParser().encodeResourceToString(ours))
				.as(operation + " " + resource.getIdElement().getValue())
				.isEqualTo(FHIR.newJsonParser().encodeResourceToString(theirs));
		ours.setRecorded(new java.util.Date());
	}

	private static ServletRequestDetails request(RestOperationTypeEnum operation) {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServer(new RestfulServer(FHIR));
		request.setFhirServerBase("http://karta.test/fhir");
		request.setRestOperationType(operation);
		request.setRequestId("req-" + operation.getCode());
		return request;
	}

	@Test
	void linksThatCanNameAnOrganisationOrAPractitionerAreIgnored() {
		// CarePlan.activity.detail.performer, CareTeam.participant.member, QuestionnaireResponse.author
		assertThat(ignored).contains("performer", "participant", "author");
	}

	@Test
	void theLinksThatNameThePersonAreKept() {
		assertThat(ignored).doesNotContain("patient");
		// the only way into the compartment for some types (AdverseEvent, SupplyRequest)
		assertThat(ignored).doesNotContain("subject");
	}
}
