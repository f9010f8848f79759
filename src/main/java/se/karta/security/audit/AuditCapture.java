package se.karta.security.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationConstants;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;

/**
 * HAPI's BALP capture (an AuditEvent for every read, search, create, update and delete), with two
 * corrections:
 *
 * <ul>
 *   <li>it runs after the authorization rules, so that a read they refuse is audited as refused only,
 *       not also as done;</li>
 *   <li>the {@code patient} of an event is the person whose data it is. BALP takes every reference of a
 *       resource's Patient-compartment search parameters as a patient, so a CarePlan read would be
 *       logged as the data of each organisation performing an insats, one AuditEvent per "patient".
 *       Left out: the parameters that can point at something other than a Patient (performer,
 *       participant, author ...), except where a resource type has no other way into the
 *       compartment.</li>
 * </ul>
 *
 * <p>The events of writes (create, update, delete) are built here, in the shape and with the profiles
 * of BALP's own (Basic or Patient Create/Update/Delete): BALP gives each event the fixed narrative
 * {@code <div>Audit Event</div>} by parsing it, and a new XHTML parser sets up its table of some 2,000
 * HTML entities every time, which was most of the audit's cost on the request thread (8 events per SIP
 * bundle). {@code AuditCaptureTest} holds the two to the same content.
 */
@Interceptor(order = AuthorizationConstants.ORDER_AUTH_INTERCEPTOR + 100)
public class AuditCapture extends BalpAuditCaptureInterceptor {

	private static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
	private static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";

	private final AuditRecorder recorder;
	private final FhirContext fhirContext;

	public AuditCapture(AuditRecorder recorder, FhirContext fhirContext) {
		super(recorder, recorder);
		this.recorder = recorder;
		this.fhirContext = fhirContext;
		setOmittedSPNamesInPatientCompartment(notPatientParams(fhirContext));
	}

	@Override
	public void hookStoragePrecommitResourceCreated(IBaseResource resource, ServletRequestDetails request) {
		recordWrite(resource, request, BalpProfileEnum.BASIC_CREATE, BalpProfileEnum.PATIENT_CREATE);
	}

	@Override
	public void hookStoragePrecommitResourceUpdated(
			IBaseResource previous, IBaseResource resource, ServletRequestDetails request) {
		recordWrite(resource, request, BalpProfileEnum.BASIC_UPDATE, BalpProfileEnum.PATIENT_UPDATE);
	}

	@Override
	public void hookStoragePrecommitResourceDeleted(IBaseResource resource, ServletRequestDetails request) {
		recordWrite(resource, request, BalpProfileEnum.BASIC_DELETE, BalpProfileEnum.PATIENT_DELETE);
	}

	private void recordWrite(
			IBaseResource resource, ServletRequestDetails request, BalpProfileEnum basic, BalpProfileEnum ofPatient) {
		if (request == null) {
			return;
		}
		Set<String> patients = patientsOf(resource, request);
		AuditEvent event = writeEvent(request, patients.isEmpty() ? basic : ofPatient);
		entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT,
				BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE,
				BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY,
				recorder.massageResourceIdForStorage(request, resource, resource.getIdElement()));
		for (String patient : patients) {
			entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY,
					BalpConstants.CS_OBJECT_ROLE_1_PATIENT, BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY, patient);
		}
		recorder.recordAuditEvent(event);
	}

	/** The people whose data a resource is: the Patient itself, or its Patient-compartment owners. */
	private Set<String> patientsOf(IBaseResource resource, ServletRequestDetails request) {
		Set<String> patients = new TreeSet<>();
		String type = fhirContext.getResourceType(resource);
		if ("Patient".equals(type)) {
			patients.add(recorder.massageResourceIdForStorage(request, resource, resource.getIdElement()));
		} else if (!fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient").isEmpty()) {
			CompartmentSearchParameterModifications params = CompartmentSearchParameterModifications
					.fromAdditionalAndOmittedSPNames(type, getAdditionalPatientCompartmentSPNames(),
							getOmittedPatientCompartmentSPNames());
			fhirContext.newTerser().getCompartmentOwnersForResource("Patient", resource, params)
					.forEach(owner -> patients.add(recorder.massageResourceIdForStorage(request, resource, owner)));
		}
		return patients;
	}

	/** A BALP RESTful-operation event of this profile: who asked (client, user), this server, the request id. */
	private AuditEvent writeEvent(ServletRequestDetails request, BalpProfileEnum profile) {
		AuditEvent event = new AuditEvent();
		event.getMeta().addProfile(profile.getProfileUrl());
		event.getText().setDiv(auditEventDiv()).setStatus(Narrative.NarrativeStatus.GENERATED);
		event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
		String interaction = request.getRestOperationType().getCode();
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

	private static void entity(AuditEvent event, String type, String typeDisplay, String role, String roleDisplay,
			String reference) {
		AuditEvent.AuditEventEntityComponent entity = event.addEntity();
		entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(type).setDisplay(typeDisplay);
		entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(role).setDisplay(roleDisplay);
		entity.getWhat().setReference(reference);
	}

	/** {@code <div>Audit Event</div>}, built as a node: no XHTML parser involved. */
	private static XhtmlNode auditEventDiv() {
		XhtmlNode div = new XhtmlNode(NodeType.Element, "div");
		div.addText("Audit Event");
		return div;
	}

	/** The Patient-compartment search parameter names BALP is to ignore. */
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
