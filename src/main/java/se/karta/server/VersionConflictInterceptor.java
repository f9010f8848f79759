package se.karta.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A write whose {@code If-Match} names a version that is no longer current fails with
 * 412 Precondition Failed (RFC 9110), not HAPI's default 409.
 */
@Interceptor
public class VersionConflictInterceptor {

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException toPreconditionFailed(RequestDetails request, Throwable exception) {
		if (exception instanceof ResourceVersionConflictException && request.getHeader(Constants.HEADER_IF_MATCH) != null) {
			PreconditionFailedException failed = new PreconditionFailedException(exception.getMessage());
			failed.setOperationOutcome(Outcomes.error(
					IssueType.CONFLICT,
					"Resursen har ändrats sedan versionen i If-Match; läs den igen och försök på nytt.",
					"Version conflict: the If-Match version is not the current version. " + exception.getMessage()));
			return failed;
		}
		return null; // not ours: HAPI's default handling (or another interceptor) applies
	}
}
