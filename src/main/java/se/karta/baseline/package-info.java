/**
 * Baseline configurations for measuring Karta against stock HAPI FHIR, used by the benchmark
 * ({@code mvn -Pbench verify}, see {@code docs/performance.md}); off by default and not meant for
 * production.
 *
 * <p>{@code karta.baseline.stock-request-validation=true} registers HAPI's own
 * {@link ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor} with a plain
 * {@link org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator} over Karta's package: what a
 * user of the HAPI JPA starter would configure to validate against Karta's profiles. It deliberately
 * takes the stock path (HAPI's chain with its own cache, a new validator per request) and not Karta's
 * memoized chain and pooled validator.
 */
package se.karta.baseline;
