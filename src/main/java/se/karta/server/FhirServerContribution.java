package se.karta.server;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * Something a domain package adds to the FHIR endpoint: interceptors, operation providers.
 * Declaring one as a bean is all it takes to be registered.
 */
@FunctionalInterface
public interface FhirServerContribution {

	void contributeTo(RestfulServer server);
}
