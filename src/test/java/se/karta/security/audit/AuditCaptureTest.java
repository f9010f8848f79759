package se.karta.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.karta.security.SecurityProperties;

/**
 * Which Patient-compartment links the capture ignores when it names an event's patient, and the events
 * themselves, which Karta builds: the same content as those of HAPI's BALP capture, fired through the
 * same pointcuts.
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
	private final InterceptorService ours = new InterceptorService();
	private final InterceptorService stock = new InterceptorService();

	{
		AuditCapture capture = new AuditCapture(karta, FHIR);
		BalpAuditCaptureInterceptor balpCapture = new BalpAuditCaptureInterceptor(balp, balp);
		balpCapture.setOmittedSPNamesInPatientCompartment(capture.getOmittedPatientCompartmentSPNames());
		ours.registerInterceptor(capture);
		stock.registerInterceptor(balpCapture);
	}

	private final CarePlan plan = new CarePlan();
	private final Patient person = new Patient();
	private final Organization region = new Organization();

	{
		plan.setId("CarePlan/p1/_history/2");
		plan.setSubject(new Reference("Patient/pat-1"));
		plan.addActivity().getDetail().addPerformer(new Reference("Organization/kommun"));
		person.setId("Patient/pat-2");
		region.setId("Organization/region");
	}

	@Test
	void writeEventsHaveTheContentOfBalpsOwn() {
		for (IBaseResource resource : List.of(plan, person, region)) {
			assertSameEvents(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, RestOperationTypeEnum.CREATE, resource, null);
			assertSameEvents(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, RestOperationTypeEnum.UPDATE, resource, null);
			assertSameEvents(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, RestOperationTypeEnum.DELETE, resource, null);
		}
		assertThat(karta.events).hasSize(9);
		// the plan is the person's data, not the performing organisation's
		AuditEvent planCreated = karta.events.get(0);
		assertThat(planCreated.getEntity()).extracting(e -> e.getWhat().getReference())
				.containsExactly(null, "CarePlan/p1", "Patient/pat-1");
		assertThat(planCreated.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientCreate");
		assertThat(karta.events.get(6).getMeta().getProfile().get(0).getValue())
				.as("an Organization is no person's data").endsWith("IHE.BasicAudit.Create");
		assertThat(planCreated.getText().getDivAsString()).contains("Audit Event");
	}

	@Test
	void readAndSearchEventsHaveTheContentOfBalpsOwn() {
		for (IBaseResource resource : List.of(plan, person, region)) {
			assertSameEvents(Pointcut.STORAGE_PRESHOW_RESOURCES, RestOperationTypeEnum.READ, resource,
					new SimplePreResourceShowDetails(resource));
			assertSameEvents(Pointcut.STORAGE_PRESHOW_RESOURCES, RestOperationTypeEnum.VREAD, resource,
					new SimplePreResourceShowDetails(resource));
		}
		assertSameEvents(Pointcut.STORAGE_PRESHOW_RESOURCES, RestOperationTypeEnum.SEARCH_TYPE, plan,
				new SimplePreResourceShowDetails(List.of(plan, person, region)));
		assertSameEvents(Pointcut.STORAGE_PRESHOW_RESOURCES, RestOperationTypeEnum.GET_PAGE, plan,
				new SimplePreResourceShowDetails(List.of(plan)));
		assertSameEvents(Pointcut.STORAGE_PRESHOW_RESOURCES, RestOperationTypeEnum.SEARCH_TYPE, region,
				new SimplePreResourceShowDetails(List.of(region)));

		assertThat(karta.events).extracting(e -> e.getMeta().getProfile().get(0).getValue().replaceAll(".*\\.", ""))
				.containsExactly("PatientRead", "PatientRead", "PatientRead", "PatientRead", "Read", "Read",
						// one query event per person shown: pat-1 (the plan's), pat-2
						"PatientQuery", "PatientQuery", "PatientQuery", "Query");
		AuditEvent page = karta.events.get(8);
		assertThat(page.getSubtypeFirstRep().getCode()).as("a further page is a search").isEqualTo("search-type");
		assertThat(new String(page.getEntity().get(1).getQuery(), StandardCharsets.UTF_8))
				.isEqualTo("http://karta.test/fhir/CarePlan?patient=Patient%2Fpat-1&_include=CarePlan%3Acare-team");
	}

	@Test
	void otherOperationsShowingResourcesAreNotAuditedAsReads() {
		fire(ours, Pointcut.STORAGE_PRESHOW_RESOURCES, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, plan,
				new SimplePreResourceShowDetails(plan));
		assertThat(karta.events).isEmpty();
	}

	/** Fires the pointcut at both captures and compares what the last call recorded, event by event. */
	private void assertSameEvents(Pointcut pointcut, RestOperationTypeEnum operation, IBaseResource resource,
			IPreResourceShowDetails shown) {
		int oursBefore = karta.events.size();
		int stockBefore = balp.events.size();
		fire(ours, pointcut, operation, resource, shown);
		fire(stock, pointcut, operation, resource, shown);
		List<AuditEvent> mine = karta.events.subList(oursBefore, karta.events.size());
		List<AuditEvent> theirs = balp.events.subList(stockBefore, balp.events.size());
		assertThat(mine).as(operation + " " + resource.getIdElement().getValue()).isNotEmpty().hasSameSizeAs(theirs);
		for (int i = 0; i < mine.size(); i++) {
			assertThat(mine.get(i).getRecorded()).isCloseTo(theirs.get(i).getRecorded(), 5_000);
			assertThat(json(mine.get(i))).as(operation + " " + resource.getIdElement().getValue())
					.isEqualTo(json(theirs.get(i)));
		}
	}

	private static String json(AuditEvent event) {
		AuditEvent copy = event.copy();
		copy.setRecorded(null);
		return FHIR.newJsonParser().encodeResourceToString(copy);
	}

	/** Calls the hooks of a pointcut with the resource, the request and the shown resources as its parameters. */
	private static void fire(InterceptorService service, Pointcut pointcut, RestOperationTypeEnum operation,
			IBaseResource resource, IPreResourceShowDetails shown) {
		ServletRequestDetails request = request(operation, resource);
		HookParams params = new HookParams();
		for (String type : pointcut.getParameterTypes()) {
			Object value = switch (type) {
				case "org.hl7.fhir.instance.model.api.IBaseResource" -> resource;
				case "ca.uhn.fhir.rest.api.server.RequestDetails",
						"ca.uhn.fhir.rest.server.servlet.ServletRequestDetails" -> request;
				case "ca.uhn.fhir.rest.api.server.IPreResourceShowDetails" -> shown;
				default -> null;
			};
			params.add(classOf(type), value);
		}
		service.callHooks(pointcut, params);
	}

	@SuppressWarnings("unchecked")
	private static Class<Object> classOf(String name) {
		try {
			return (Class<Object>) Class.forName(name);
		} catch (ClassNotFoundException e) {
			throw new IllegalStateException(e);
		}
	}

	private static ServletRequestDetails request(RestOperationTypeEnum operation, IBaseResource resource) {
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServer(new RestfulServer(FHIR));
		request.setFhirServerBase("http://karta.test/fhir");
		request.setRestOperationType(operation);
		request.setRequestType(RequestTypeEnum.GET);
		request.setRequestId("req-" + operation.getCode());
		String type = FHIR.getResourceType(resource);
		request.setRequestPath(type);
		request.setCompleteUrl("http://karta.test/fhir/" + type + "?patient=Patient/pat-1");
		Map<String, String[]> parameters = new LinkedHashMap<>();
		parameters.put("patient", new String[] {"Patient/pat-1"});
		parameters.put("_include", new String[] {"CarePlan:care-team"});
		request.setParameters(parameters);
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
