package se.karta.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;

/**
 * A client's write that collides with a concurrent write of the same resource is retried instead of
 * failing with 409, as long as the client did not name a version: without {@code If-Match} it asked
 * for "the current version, whatever it is", so a collision with the server's own work (HAPI
 * activating a Subscription, a delivery status being recorded on it) or with another client is not
 * the client's conflict. A write with {@code If-Match} is never retried (its mismatch is the answer,
 * 412), and neither are the server's own writes: they read, change and write back, and a retry
 * would write what they read before the collision.
 */
@Interceptor
public class ConcurrentWriteRetry {

	/** Retries after the first attempt; HAPI waits a random 0–250·n ms before the n-th. */
	static final int MAX_RETRIES = 10;

	@Hook(Pointcut.STORAGE_VERSION_CONFLICT)
	public ResourceVersionConflictResolutionStrategy retryUnversionedClientWrites(RequestDetails request) {
		ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
		if (request instanceof ServletRequestDetails && request.getHeader(Constants.HEADER_IF_MATCH) == null) {
			strategy.setRetry(true);
			strategy.setMaxRetries(MAX_RETRIES);
		}
		return strategy;
	}
}
