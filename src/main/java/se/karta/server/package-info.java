/**
 * Server wiring: the HAPI FHIR JPA server on Spring Boot. Owns the persistence unit (H2 file by
 * default, PostgreSQL in the {@code postgres} profile), the {@code RestfulServer} at {@code /fhir},
 * the CapabilityStatement, CORS, request size limits, OpenAPI and the mapping of errors to
 * OperationOutcome. Domain behaviour lives in the other packages and is only registered here.
 */
package se.karta.server;
