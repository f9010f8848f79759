/**
 * Baseline configurations for measuring Karta against stock HAPI FHIR, used by the benchmark
 * ({@code mvn -Pbench verify}, see {@code docs/performance.md}); off by default and not meant for
 * production.
 *
 * <p>{@code karta.baseline.stock-request-validation=true} registers HAPI's own
 * {@link ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor} with HAPI JPA's own validator
 * module (a {@link org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator} over the JPA
 * server's validation support chain, which reads Karta's installed package from the database): what a
 * user of the HAPI JPA starter gets with {@code hapi.fhir.validation.requests_enabled} and the package
 * installed. It deliberately takes that stock path and not Karta's memoized chain and pooled validator.
 */
package se.karta.baseline;
