package se.karta.security.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.karta.server.Outcomes;

/**
 * Nobody writes the audit trail through the API, an administrator neither: a create, update, patch or
 * delete of an AuditEvent, on its own or as an entry of a transaction or batch, is answered 405 with
 * an OperationOutcome, and the attempt is itself audited. (Without this, HAPI would answer a direct
 * attempt with a bare 400 and a transaction entry with a list of every resource type it stores.)
 */
@Interceptor(order = -200)
public class AuditTrailIsReadOnly {

	static final String TEXT_SV = "Granskningsloggen (AuditEvent) skrivs bara av servern; den kan inte ändras eller tas bort.";
	static final String DIAGNOSTICS = "AuditEvents are written by the server only: they cannot be created, updated, "
			+ "patched or deleted through the API.";
	private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

	private final AuditRecorder recorder;

	public AuditTrailIsReadOnly(AuditRecorder recorder) {
		this.recorder = recorder;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
	public boolean direct(HttpServletRequest request) {
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		boolean auditTrail = path.equals("/AuditEvent") || path.startsWith("/AuditEvent/");
		if (auditTrail && !READING.contains(request.getMethod()) && !path.equals("/AuditEvent/_search")) {
			recorder.refused(request, DIAGNOSTICS);
			throw refusal();
		}
		return true;
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
	public void entries(RequestDetails request, RestOperationTypeEnum operation) {
		if ((operation != RestOperationTypeEnum.TRANSACTION && operation != RestOperationTypeEnum.BATCH)
				|| !(request.getResource() instanceof Bundle bundle)) {
			return;
		}
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			String url = entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl();
			boolean auditTrail = entry.getResource() instanceof AuditEvent
					|| url.equals("AuditEvent") || url.startsWith("AuditEvent/") || url.startsWith("AuditEvent?");
			if (auditTrail && entry.getRequest().getMethod() != Bundle.HTTPVerb.GET
					&& entry.getRequest().getMethod() != Bundle.HTTPVerb.HEAD) {
				recorder.denied(request, DIAGNOSTICS);
				throw refusal();
			}
		}
	}

	private static MethodNotAllowedException refusal() {
		return new MethodNotAllowedException(DIAGNOSTICS, Outcomes.error(IssueType.NOTSUPPORTED, TEXT_SV, DIAGNOSTICS),
				RequestTypeEnum.GET);
	}
}
