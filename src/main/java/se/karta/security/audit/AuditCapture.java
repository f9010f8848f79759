package se.karta.security.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationConstants;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.UrlUtil;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * Karta's capture of the IHE Basic Audit Log Patterns (BALP): an AuditEvent for every read, search,
 * create, update and delete, with the content and profiles of HAPI's {@code BalpAuditCaptureInterceptor}
 * (Basic or Patient Read/Query/Create/Update/Delete), but built here, for three reasons:
 *
 * <ul>
 *   <li>it runs after the authorization rules, so that a read they refuse is audited as refused only,
 *       not also as done;</li>
 *   <li>the {@code patient} of an event is the person whose data it is. BALP takes every reference of a
 *       resource's Patient-compartment search parameters as a patient, so a CarePlan read would be
 *       logged as the data of each organisation performing an insats, one AuditEvent per "patient".
 *       Left out: the parameters that can point at something other than a Patient (performer,
 *       participant, author ...), except where a resource type has no other way into the
 *       compartment;</li>
 *   <li>BALP gives each event the fixed narrative {@code <div>Audit Event</div>} by parsing it, and a
 *       new XHTML parser sets up its table of some 2,000 HTML entities every time: most of the audit's
 *       cost on the request thread (8 events per SIP bundle, one or more per search). Here the div is
 *       built as a node.</li>
 * </ul>
 *
 * <p>{@code AuditCaptureTest} holds the events to the same JSON as BALP's own, given the same
 * Patient-compartment parameters to ignore.
 */
@Interceptor(order = AuthorizationConstants.ORDER_AUTH_INTERCEPTOR + 100)
public class AuditCapture {

	private static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	private static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
	/** Object role 24 (BALP's constant for its display is not public). */
	private static final String QUERY_ROLE_DISPLAY = "Query";

	private final AuditRecorder recorder;
	private final FhirContext fhirContext;
	private final Set<String> notPatientParams;

	public AuditCapture(AuditRecorder recorder, FhirContext fhirContext) {
		this.recorder = recorder;
		this.fhirContext = fhirContext;
		this.notPatientParams = notPatientParams(fhirContext);
	}

	/** The Patient-compartment search parameter names not taken as naming an event's patient. */
	public Set<String> getOmittedPatientCompartmentSPNames() {
		return notPatientParams;
	}

	@Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
	public void hookStoragePreShowResources(IPreResourceShowDetails shown, ServletRequestDetails request) {
		switch (request.getRestOperationType()) {
			case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> recordSearch(shown, request);
			case READ, VREAD -> recordRead(shown, request);
			default -> {
				// other operations are audited as the writes they make, or not at all
			}
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void hookStoragePrecommitResourceCreated(IBaseResource resource, ServletRequestDetails request) {
		recordWrite(resource, request, BalpProfileEnum.BASIC_CREATE, BalpProfileEnum.PATIENT_CREATE);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void hookStoragePrecommitResourceUpdated(
			IBaseResource previous, IBaseResource resource, ServletRequestDetails request) {
		recordWrite(resource, request, BalpProfileEnum.BASIC_UPDATE, BalpProfileEnum.PATIENT_UPDATE);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void hookStoragePrecommitResourceDeleted(IBaseResource resource, ServletRequestDetails request) {
		recordWrite(resource, request, BalpProfileEnum.BASIC_DELETE, BalpProfileEnum.PATIENT_DELETE);
	}

	/** One Patient Read event per person whose data the resource is, or one Basic Read. */
	private void recordRead(IPreResourceShowDetails shown, ServletRequestDetails request) {
		if (shown.size() != 1 || shown.getResource(0) == null) {
			return;
		}
		IBaseResource resource = shown.getResource(0);
		String data = recorder.massageResourceIdForStorage(request, resource, resource.getIdElement());
		Set<String> patients = patientsOf(List.of(resource), request);
		for (String patient : patients) {
			AuditEvent event = restEvent(request, BalpProfileEnum.PATIENT_READ);
			dataEntity(event, data);
			patientEntity(event, patient);
			recorder.recordAuditEvent(event);
		}
		if (patients.isEmpty()) {
			AuditEvent event = restEvent(request, BalpProfileEnum.BASIC_READ);
			dataEntity(event, data);
			recorder.recordAuditEvent(event);
		}
	}

	/** One Patient Query event per person whose data the page shows, or one Basic Query. */
	private void recordSearch(IPreResourceShowDetails shown, ServletRequestDetails request) {
		Set<String> patients = patientsOf(shown.getAllResources(), request);
		for (String patient : patients) {
			AuditEvent event = queryEvent(request, BalpProfileEnum.PATIENT_QUERY);
			patientEntity(event, patient);
			recorder.recordAuditEvent(event);
		}
		if (patients.isEmpty()) {
			recorder.recordAuditEvent(queryEvent(request, BalpProfileEnum.BASIC_QUERY));
		}
	}

	private void recordWrite(
			IBaseResource resource, ServletRequestDetails request, BalpProfileEnum basic, BalpProfileEnum ofPatient) {
		if (request == null) {
			return;
		}
		Set<String> patients = patientsOf(List.of(resource), request);
		AuditEvent event = restEvent(request, patients.isEmpty() ? basic : ofPatient);
		dataEntity(event, recorder.massageResourceIdForStorage(request, resource, resource.getIdElement()));
		patients.forEach(patient -> patientEntity(event, patient));
		recorder.recordAuditEvent(event);
	}

	/** The people whose data these resources are: each Patient itself, or the Patient-compartment owners. */
	private Set<String> patientsOf(List<IBaseResource> resources, ServletRequestDetails request) {
		Set<String> patients = new TreeSet<>();
		FhirTerser terser = fhirContext.newTerser();
		for (IBaseResource resource : resources) {
			String type = fhirContext.getResourceType(resource);
			if ("Patient".equals(type)) {
				patients.add(recorder.massageResourceIdForStorage(request, resource, resource.getIdElement()));
			} else if (!fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient").isEmpty()) {
				CompartmentSearchParameterModifications params = CompartmentSearchParameterModifications
						.fromAdditionalAndOmittedSPNames(type, Set.of(), notPatientParams);
				terser.getCompartmentOwnersForResource("Patient", resource, params)
						.forEach(owner -> patients.add(recorder.massageResourceIdForStorage(request, resource, owner)));
			}
		}
		return patients;
	}

	/** A query event: the common part and the query itself (method and URL, and the query string). */
	private AuditEvent queryEvent(ServletRequestDetails request, BalpProfileEnum profile) {
		AuditEvent event = restEvent(request, profile);
		AuditEvent.AuditEventEntityComponent query = entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT,
				BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY, BalpConstants.CS_OBJECT_ROLE_24_QUERY,
				QUERY_ROLE_DISPLAY);
		query.setDescription(request.getRequestType().name() + " " + request.getCompleteUrl());
		StringBuilder url = new StringBuilder(request.getFhirServerBase()).append('/').append(request.getRequestPath());
		char separator = '?';
		for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
			for (String value : parameter.getValue()) {
				url.append(separator).append(UrlUtil.escapeUrlParam(parameter.getKey())).append('=')
						.append(UrlUtil.escapeUrlParam(value));
				separator = '&';
			}
		}
		query.getQueryElement().setValue(url.toString().getBytes(StandardCharsets.UTF_8));
		return event;
	}

	/**
	 * A BALP RESTful-operation event of this profile: who asked (client, user), this server, the request
	 * id; a further page of a search is a search.
	 */
	private AuditEvent restEvent(ServletRequestDetails request, BalpProfileEnum profile) {
		AuditEvent event = new AuditEvent();
		event.getMeta().addProfile(profile.getProfileUrl());
		event.getText().setDiv(auditEventDiv()).setStatus(Narrative.NarrativeStatus.GENERATED);
		event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
		RestOperationTypeEnum operation = request.getRestOperationType() == RestOperationTypeEnum.GET_PAGE
				? RestOperationTypeEnum.SEARCH_TYPE
				: request.getRestOperationType();
		String interaction = operation.getCode();
		event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(interaction).setDisplay(interaction);
		event.setAction(profile.getAction());
		event.setOutcome(AuditEvent.AuditEventOutcome._0);
		event.setRecorded(new Date());
		String server = request.getFhirServerBase();
		event.getSource().getObserver().setDisplay(server);

		String address = recorder.getNetworkAddress(request);
		AuditEvent.AuditEventAgentComponent client = event.addAgent();
		client.setWho(recorder.getAgentClientWho(request));
		client.getType().addCoding(profile.getAgentClientTypeCoding());
		client.getWho().setDisplay(address);
		client.getNetwork().setAddress(address).setType(recorder.getNetworkAddressType(request));
		client.setRequestor(false);

		AuditEvent.AuditEventAgentComponent self = event.addAgent();
		self.getType().addCoding(profile.getAgentServerTypeCoding());
		self.getWho().setDisplay(server);
		self.getNetwork().setAddress(server);
		self.setRequestor(false);

		AuditEvent.AuditEventAgentComponent user = event.addAgent();
		user.getType().addCoding().setSystem(PARTICIPATION_TYPE).setCode("IRCP").setDisplay("information recipient");
		user.setWho(recorder.getAgentUserWho(request));
		user.setRequestor(true);

		AuditEvent.AuditEventEntityComponent requestId = event.addEntity();
		requestId.getType().setSystem(BALP_ENTITY_TYPE).setCode("XrequestId");
		requestId.getWhat().getIdentifier().setValue(request.getRequestId());
		return event;
	}

	private static void dataEntity(AuditEvent event, String reference) {
		entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT,
				BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE,
				BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY).getWhat().setReference(reference);
	}

	private static void patientEntity(AuditEvent event, String reference) {
		entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY,
				BalpConstants.CS_OBJECT_ROLE_1_PATIENT, BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY)
				.getWhat().setReference(reference);
	}

	/** A new entity of the event with a BALP entity type and object role. */
	private static AuditEvent.AuditEventEntityComponent entity(AuditEvent event, String type, String typeDisplay,
			String role, String roleDisplay) {
		AuditEvent.AuditEventEntityComponent entity = event.addEntity();
		entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(type).setDisplay(typeDisplay);
		entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(role).setDisplay(roleDisplay);
		return entity;
	}

	/** {@code <div>Audit Event</div>}, built as a node: no XHTML parser involved. */
	private static XhtmlNode auditEventDiv() {
		XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
		div.addText("Audit Event");
		return div;
	}

	/** The Patient-compartment search parameter names that can name something other than a Patient. */
	static Set<String> notPatientParams(FhirContext fhirContext) {
		Set<String> notPatient = new TreeSet<>();
		Set<String> onlyWay = new TreeSet<>();
		for (String type : fhirContext.getResourceTypes()) {
			RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
			List<RuntimeSearchParam> params = definition.getSearchParamsForCompartmentName("Patient");
			boolean patientOnlyParam = params.stream().anyMatch(AuditCapture::onlyPatients);
			for (RuntimeSearchParam param : params) {
				if (!onlyPatients(param)) {
					(patientOnlyParam ? notPatient : onlyWay).add(param.getName());
				}
			}
		}
		notPatient.removeAll(onlyWay);
		return notPatient;
	}

	private static boolean onlyPatients(RuntimeSearchParam param) {
		return param.getPath().contains("resolve() is Patient") || Set.of("Patient").equals(param.getTargets());
	}
}
