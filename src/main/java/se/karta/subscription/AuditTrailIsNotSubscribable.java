package se.karta.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Subscription;
import se.karta.server.Outcomes;

/**
 * AuditEvents are the server's own record of who did what (Patientdatalagen 4 kap. 3 §); they are
 * read by auditors, not delivered, and kept outside HAPI's resource storage (so no change to them ever
 * reaches subscription matching). A Subscription whose criteria ask for AuditEvents is therefore
 * refused with a 422 rather than accepted and never served.
 */
@Interceptor
public class AuditTrailIsNotSubscribable {

	static final String AUDIT_EVENT = "AuditEvent";

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		refuseAuditCriteria(resource);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		refuseAuditCriteria(resource);
	}

	private static void refuseAuditCriteria(IBaseResource resource) {
		if (!(resource instanceof Subscription subscription) || !subscription.hasCriteria()) {
			return;
		}
		String criteria = subscription.getCriteria().trim();
		if (!criteria.equals(AUDIT_EVENT) && !criteria.startsWith(AUDIT_EVENT + "?")) {
			return;
		}
		OperationOutcome outcome = Outcomes.error(OperationOutcome.IssueType.NOTSUPPORTED,
				"Granskningsloggen (AuditEvent) kan inte prenumereras på; den läses med behörigheten karta-audit.",
				"Subscription.criteria: AuditEvents cannot be subscribed to; auditors search them with the karta-audit scope.");
		outcome.getIssueFirstRep().addExpression("Subscription.criteria");
		throw new UnprocessableEntityException("AuditEvents cannot be subscribed to", outcome);
	}
}
