/**
 * Who may see and change what (issue 6, Patientdatalagen 4 kap.).
 *
 * <ul>
 *   <li>{@link se.karta.security.SecurityConfig}: OAuth2 bearer JWTs checked by Spring Security's
 *       resource server on {@code /fhir/**} (401 with an OperationOutcome when missing or invalid);
 *       the open mode of the embedded default and the refusal to start open in production.
 *   <li>{@link se.karta.security.KartaToken} and {@link se.karta.security.Scopes}: the caller as the
 *       token describes it (SMART v1/v2 scopes, organisation HSA-id, patient, fhirUser).
 *   <li>{@link se.karta.security.AccessResolver}: which plans and related resources a caller may read
 *       and write, from care teams, SIP consents and task ownership; cached until the next write.
 *   <li>{@link se.karta.security.KartaAuthorizationInterceptor} (HAPI's AuthorizationInterceptor) and
 *       {@link se.karta.security.KartaSearchNarrowingInterceptor} (HAPI's SearchNarrowingInterceptor):
 *       decide every request; {@link se.karta.security.RequestGuardInterceptor} closes the side doors
 *       HAPI's rules do not look at.
 *   <li>{@link se.karta.security.audit}: an AuditEvent for every access and every denied attempt.
 * </ul>
 */
package se.karta.security;
