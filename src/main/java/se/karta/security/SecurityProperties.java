package se.karta.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Security settings, bound from {@code karta.security.*}.
 *
 * @param enabled whether bearer tokens are required; {@code false} is the open mode of a first look
 *     (every caller is an administrator), refused under the profiles in {@code requiredProfiles}
 * @param requiredProfiles Spring profiles under which the server refuses to start open
 * @param jwt how tokens are verified
 * @param claims the claim names read from a token
 * @param adminScope the scope that may do everything (data loading, {@code $run-review-check}, tests)
 * @param auditScope the scope that may read AuditEvents
 * @param audit audit logging settings
 */
@ConfigurationProperties("karta.security")
public record SecurityProperties(
		Boolean enabled,
		List<String> requiredProfiles,
		Jwt jwt,
		Claims claims,
		String adminScope,
		String auditScope,
		Audit audit) {

	public SecurityProperties {
		enabled = enabled == null || enabled;
		requiredProfiles = requiredProfiles == null ? List.of("postgres", "prod", "production") : requiredProfiles;
		jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
		claims = claims == null ? new Claims(null, null, null, null) : claims;
		adminScope = adminScope == null || adminScope.isBlank() ? "karta-admin" : adminScope;
		auditScope = auditScope == null || auditScope.isBlank() ? "karta-audit" : auditScope;
		audit = audit == null ? new Audit(null) : audit;
	}

	/**
	 * @param issuerUri the token issuer; with no JWKS or key given, its keys are discovered from
	 *     {@code {issuer}/.well-known/openid-configuration}; when set, {@code iss} must equal it
	 * @param jwkSetUri where the issuer's public keys are published (JWKS)
	 * @param publicKey an RSA public key in PEM ({@code -----BEGIN PUBLIC KEY-----}); for a fixed key
	 * @param audience when set, {@code aud} must contain it
	 * @param clockSkew allowed clock difference for {@code exp}/{@code nbf} (default 60 s)
	 */
	public record Jwt(String issuerUri, String jwkSetUri, String publicKey, String audience, Duration clockSkew) {
		public Jwt {
			clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
		}

		public boolean configured() {
			return has(issuerUri) || has(jwkSetUri) || has(publicKey);
		}

		static boolean has(String value) {
			return value != null && !value.isBlank();
		}
	}

	/**
	 * @param scope the scopes, space-separated string or array (default {@code scope})
	 * @param organization the HSA-id of the organisation the caller acts for (default {@code organization})
	 * @param fhirUser the caller as a FHIR reference, e.g. {@code RelatedPerson/12} (default {@code fhirUser})
	 * @param patient the Patient id of a patient-facing app's user (default {@code patient})
	 */
	public record Claims(String scope, String organization, String fhirUser, String patient) {
		public Claims {
			scope = scope == null || scope.isBlank() ? "scope" : scope;
			organization = organization == null || organization.isBlank() ? "organization" : organization;
			fhirUser = fhirUser == null || fhirUser.isBlank() ? "fhirUser" : fhirUser;
			patient = patient == null || patient.isBlank() ? "patient" : patient;
		}
	}

	/** @param enabled whether AuditEvents are written (default true) */
	public record Audit(Boolean enabled) {
		public Audit {
			enabled = enabled == null || enabled;
		}
	}
}
