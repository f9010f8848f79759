package se.karta.security.audit;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import se.karta.security.AccessResolver;
import se.karta.security.KartaToken;
import se.karta.security.SecurityProperties;

/**
 * Where AuditEvents go. As BALP's sink and context services it receives the events {@link AuditCapture}
 * builds for successful reads, searches and writes; it records the
 * denied attempts (403 from the authorization rules, 401 from token checking) itself. Each event gets
 * the caller's organisation (HSA-id) as an agent, then is stored by the {@link AuditWriter} in the
 * audit trail's own tables on a background thread, so auditing adds no database round trip to the
 * request.
 */
public class AuditRecorder implements IBalpAuditEventSink, IBalpAuditContextServices {

	static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
	static final String TOKEN_SUBJECT = KartaTerms.BASE + "/NamingSystem/token-subject";

	private final AuditWriter writer;
	private final SecurityProperties properties;

	public AuditRecorder(AuditWriter writer, SecurityProperties properties) {
		this.writer = writer;
		this.properties = properties;
	}

	// --- IBalpAuditEventSink ---

	@Override
	public void recordAuditEvent(AuditEvent event) {
		if (!properties.audit().enabled()) {
			return;
		}
		enrich(event, KartaToken.current(properties));
		store(event);
	}

	// --- IBalpAuditContextServices ---

	@Override
	public Reference getAgentClientWho(RequestDetails request) {
		KartaToken token = KartaToken.current(properties);
		Reference who = new Reference();
		String client = token == null || token.client() == null ? "unknown-client" : token.client();
		who.setIdentifier(new Identifier().setSystem(TOKEN_SUBJECT).setValue(client)).setDisplay(client);
		return who;
	}

	@Override
	public Reference getAgentUserWho(RequestDetails request) {
		return userReference(KartaToken.current(properties));
	}

	@Override
	public String getNetworkAddress(RequestDetails request) {
		if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
			return servlet.getServletRequest().getRemoteAddr();
		}
		return null;
	}

	/** Relative, versionless ids: AuditEvents point at this server's resources like any other resource. */
	@Override
	public String massageResourceIdForStorage(RequestDetails request, org.hl7.fhir.instance.model.api.IBaseResource resource,
			org.hl7.fhir.instance.model.api.IIdType id) {
		return id.toUnqualifiedVersionless().getValue();
	}

	// --- denied attempts ---

	/** A request refused on behalf of the current caller. */
	public void denied(RequestDetails request, String why) {
		denied(request, KartaToken.current(properties), why);
	}

	/** A request the authorization rules refused (403). */
	public void denied(RequestDetails request, KartaToken token, String why) {
		if (!properties.audit().enabled()) {
			return;
		}
		AuditEvent event = base(why);
		event.setSubtype(List.of(new Coding(BalpConstants.CS_RESTFUL_INTERACTION,
				interaction(request), null)));
		event.addAgent(clientAgent(token)).addAgent(userAgent(token));
		if (request != null) {
			AuditEvent.AuditEventEntityComponent what = event.addEntity();
			what.setType(new Coding(BalpConstants.CS_AUDIT_ENTITY_TYPE, "2", "System Object"));
			what.setRole(new Coding(BalpConstants.CS_OBJECT_ROLE, "4", "Domain Resource"));
			String path = request.getRequestPath();
			String target = request.getId() != null && request.getId().hasIdPart()
					? request.getId().toUnqualifiedVersionless().getValue()
					: request.getResourceName();
			if (target != null) {
				// as an identifier: a denied request may name a resource that does not exist
				what.setWhat(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue(target))
						.setDisplay(target));
			}
			what.setDescription(request.getRequestType() + " " + path
					+ (request.getCompleteUrl() != null && request.getCompleteUrl().contains("?")
							? request.getCompleteUrl().substring(request.getCompleteUrl().indexOf('?'))
							: ""));
			if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
				event.getAgentFirstRep().getNetwork().setAddress(servlet.getServletRequest().getRemoteAddr())
						.setType(AuditEvent.AuditEventAgentNetworkType._2);
			}
		}
		enrich(event, token);
		store(event);
	}

	/** A request without a valid token (401), seen by the servlet filter before HAPI. */
	public void unauthenticated(HttpServletRequest request, String why) {
		if (!properties.audit().enabled()) {
			return;
		}
		AuditEvent event = base("Authentication failed: " + why);
		event.setSubtype(List.of(new Coding(DCM, "110122", "Login")));
		event.setType(new Coding(DCM, "110114", "User Authentication"));
		AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
		agent.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
				"IRCP", "information recipient")));
		agent.setWho(new Reference().setDisplay("unauthenticated"));
		agent.getNetwork().setAddress(request.getRemoteAddr()).setType(AuditEvent.AuditEventAgentNetworkType._2);
		describe(event, request);
		store(event);
	}

	/** A request refused before HAPI has worked out what it is (an attempt to write the audit trail). */
	public void refused(HttpServletRequest request, String why) {
		if (!properties.audit().enabled()) {
			return;
		}
		KartaToken token = KartaToken.current(properties);
		AuditEvent event = base(why);
		event.setSubtype(List.of(new Coding(BalpConstants.CS_RESTFUL_INTERACTION, "operation", null)));
		event.addAgent(clientAgent(token)).addAgent(userAgent(token));
		event.getAgentFirstRep().getNetwork().setAddress(request.getRemoteAddr())
				.setType(AuditEvent.AuditEventAgentNetworkType._2);
		describe(event, request);
		enrich(event, token);
		store(event);
	}

	private static void describe(AuditEvent event, HttpServletRequest request) {
		AuditEvent.AuditEventEntityComponent what = event.addEntity();
		what.setType(new Coding(BalpConstants.CS_AUDIT_ENTITY_TYPE, "2", "System Object"));
		what.setDescription(request.getMethod() + " " + request.getRequestURI()
				+ (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
	}

	private AuditEvent base(String why) {
		AuditEvent event = new AuditEvent();
		event.getMeta().addProfile("https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.Rejected");
		event.setType(new Coding(BalpConstants.CS_AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
		event.setAction(AuditEvent.AuditEventAction.E);
		event.setRecorded(new Date());
		event.setOutcome(AuditEvent.AuditEventOutcome._4);
		event.setOutcomeDesc(why);
		event.getSource().setObserver(new Reference().setDisplay("Karta"));
		event.getSource().addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4",
				"Application Server"));
		return event;
	}

	private AuditEvent.AuditEventAgentComponent clientAgent(KartaToken token) {
		AuditEvent.AuditEventAgentComponent agent = new AuditEvent.AuditEventAgentComponent();
		agent.setType(new CodeableConcept(new Coding(DCM, "110150", "Application")));
		agent.setWho(getAgentClientWho(null)).setRequestor(false);
		return agent;
	}

	private AuditEvent.AuditEventAgentComponent userAgent(KartaToken token) {
		AuditEvent.AuditEventAgentComponent agent = new AuditEvent.AuditEventAgentComponent();
		agent.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
				"IRCP", "information recipient")));
		agent.setWho(userReference(token)).setRequestor(true);
		return agent;
	}

	private static Reference userReference(KartaToken token) {
		Reference who = new Reference();
		if (token == null) {
			return who.setDisplay("unknown");
		}
		who.setIdentifier(new Identifier().setSystem(TOKEN_SUBJECT).setValue(token.subject()));
		who.setDisplay(token.describe());
		return who;
	}

	/**
	 * The organisation the user acts for, as an agent identified by HSA-id (the "vårdgivare/vårdenhet"
	 * of the Swedish logging profiles), and the patient of a patient app.
	 */
	private static void enrich(AuditEvent event, KartaToken token) {
		if (token == null) {
			return;
		}
		if (token.organizationHsaId() != null) {
			AuditEvent.AuditEventAgentComponent organization = event.addAgent().setRequestor(false);
			organization.setType(new CodeableConcept(new Coding(
					"http://terminology.hl7.org/CodeSystem/v3-RoleClass", "PROV", "healthcare provider")));
			organization.setWho(new Reference().setType("Organization").setIdentifier(new Identifier()
					.setSystem(AccessResolver.HSA_SYSTEM).setValue(token.organizationHsaId())));
		}
		if (token.patientId() != null && event.getEntity().stream()
				.noneMatch(e -> ("Patient/" + token.patientId()).equals(e.getWhat().getReference()))) {
			AuditEvent.AuditEventEntityComponent patient = event.addEntity();
			patient.setType(new Coding(BalpConstants.CS_AUDIT_ENTITY_TYPE, "1", "Person"));
			patient.setRole(new Coding(BalpConstants.CS_OBJECT_ROLE, "1", "Patient"));
			patient.setWhat(new Reference("Patient/" + token.patientId()));
		}
	}

	private static String interaction(RequestDetails request) {
		if (request == null || request.getRestOperationType() == null) {
			return "operation";
		}
		return switch (request.getRestOperationType()) {
			case READ -> "read";
			case VREAD -> "vread";
			case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> "search-type";
			case CREATE -> "create";
			case UPDATE -> "update";
			case PATCH -> "patch";
			case DELETE -> "delete";
			case HISTORY_INSTANCE -> "history-instance";
			case HISTORY_TYPE -> "history-type";
			case HISTORY_SYSTEM -> "history-system";
			case TRANSACTION, BATCH -> "transaction";
			default -> "operation";
		};
	}

	/**
	 * Hands an event to the writer. An event about a write (create, update, delete) made inside a
	 * database transaction is handed over only once that transaction has committed: a rolled-back
	 * write (a rejected transaction) changed nothing, so there is nothing to audit. Reads, searches
	 * and refusals are handed over at once.
	 */
	private void store(AuditEvent event) {
		boolean write = event.getAction() == AuditEvent.AuditEventAction.C
				|| event.getAction() == AuditEvent.AuditEventAction.U
				|| event.getAction() == AuditEvent.AuditEventAction.D;
		if (write && event.getOutcome() == AuditEvent.AuditEventOutcome._0
				&& TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					writer.submit(event);
				}
			});
		} else {
			writer.submit(event);
		}
	}

	/** Waits until every AuditEvent recorded so far is stored (tests, orderly shutdown). */
	public void flush() {
		writer.flush(Duration.ofSeconds(30));
	}

}
