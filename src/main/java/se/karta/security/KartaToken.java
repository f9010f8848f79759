package se.karta.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller as its bearer token describes it.
 *
 * <ul>
 *   <li>{@link Kind#ADMIN}: the administrative scope; may do everything (except change AuditEvents).
 *   <li>{@link Kind#ORGANIZATION}: staff ({@code user/}) or an integration engine ({@code system/})
 *       acting for the organisation in the {@code organization} claim.
 *   <li>{@link Kind#PATIENT}: a patient-facing app ({@code patient/} scopes) for the person in the
 *       {@code patient} claim; read-only.
 *   <li>{@link Kind#RELATED_PERSON}: a relative or representative whose {@code fhirUser} is a
 *       RelatedPerson; read-only, while a current participant of the person's care team.
 *   <li>{@link Kind#NONE}: none of these; sees only the open directory and conformance resources.
 * </ul>
 *
 * @param subject the token's {@code sub}
 * @param client the client ({@code azp} or {@code client_id}), may be null
 * @param scopes the token's scopes
 * @param organizationHsaId the HSA-id the caller acts for, may be null
 * @param fhirUser the caller as a FHIR reference, may be null
 * @param patientId the id of the Patient a patient app acts for, may be null
 */
public record KartaToken(
		Kind kind,
		String subject,
		String client,
		Scopes scopes,
		String organizationHsaId,
		String fhirUser,
		String patientId,
		boolean auditor) {

	public enum Kind {
		ADMIN,
		ORGANIZATION,
		PATIENT,
		RELATED_PERSON,
		NONE,
		/** security is off: every caller is an administrator */
		OPEN
	}

	static final List<String> STAFF_CONTEXTS = List.of("user", "system");
	static final List<String> PATIENT_CONTEXTS = List.of("patient");

	public static final KartaToken OPEN = new KartaToken(
			Kind.OPEN, "anonymous", null, Scopes.parse(List.of()), null, null, null, true);

	public static KartaToken from(Jwt jwt, SecurityProperties properties) {
		SecurityProperties.Claims claims = properties.claims();
		List<String> scopes = strings(jwt.getClaims().get(claims.scope()));
		if (scopes.isEmpty() && !"scp".equals(claims.scope())) {
			scopes = strings(jwt.getClaims().get("scp"));
		}
		Scopes parsed = Scopes.parse(scopes);
		String organization = string(jwt.getClaims().get(claims.organization()));
		String fhirUser = string(jwt.getClaims().get(claims.fhirUser()));
		String patient = string(jwt.getClaims().get(claims.patient()));
		if (patient != null && patient.startsWith("Patient/")) {
			patient = patient.substring("Patient/".length());
		}
		String client = string(jwt.getClaims().get("azp"));
		if (client == null) {
			client = string(jwt.getClaims().get("client_id"));
		}
		boolean admin = scopes.contains(properties.adminScope());
		boolean auditor = admin || scopes.contains(properties.auditScope());
		Kind kind;
		if (admin) {
			kind = Kind.ADMIN;
		} else if (organization != null) {
			kind = Kind.ORGANIZATION;
		} else if (patient != null) {
			kind = Kind.PATIENT;
		} else if (fhirUser != null && fhirUser.matches("(.*/)?RelatedPerson/[A-Za-z0-9\\-.]{1,64}")) {
			kind = Kind.RELATED_PERSON;
			fhirUser = fhirUser.substring(fhirUser.indexOf("RelatedPerson/"));
		} else {
			kind = Kind.NONE;
		}
		return new KartaToken(kind, jwt.getSubject(), client, parsed, organization, fhirUser, patient, auditor);
	}

	/** The token of the current request (the Spring Security context of this thread), or null. */
	public static KartaToken current(SecurityProperties properties) {
		if (!properties.enabled()) {
			return OPEN;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			Object details = jwt.getDetails();
			if (details instanceof KartaToken token) {
				return token;
			}
			KartaToken token = from(jwt.getToken(), properties);
			jwt.setDetails(token);
			return token;
		}
		return null;
	}

	public boolean isAdmin() {
		return kind == Kind.ADMIN || kind == Kind.OPEN;
	}

	/** The scope contexts that count for this caller. */
	public Collection<String> contexts() {
		return kind == Kind.PATIENT ? PATIENT_CONTEXTS : STAFF_CONTEXTS;
	}

	public boolean permits(String resourceType, Scopes.Access access) {
		if (isAdmin()) {
			return true;
		}
		if (access == Scopes.Access.WRITE && (kind == Kind.PATIENT || kind == Kind.RELATED_PERSON)) {
			return false;
		}
		return scopes.permits(resourceType, access, contexts());
	}

	/** The caller for logs and AuditEvents. */
	public String describe() {
		StringBuilder text = new StringBuilder(kind.name().toLowerCase()).append(' ').append(subject);
		if (organizationHsaId != null) {
			text.append(" for ").append(organizationHsaId);
		}
		if (patientId != null) {
			text.append(" patient ").append(patientId);
		}
		if (fhirUser != null) {
			text.append(" (").append(fhirUser).append(')');
		}
		return text.toString();
	}

	private static String string(Object value) {
		if (value == null) {
			return null;
		}
		String text = value instanceof Collection<?> list && !list.isEmpty()
				? String.valueOf(list.iterator().next())
				: String.valueOf(value);
		return text.isBlank() ? null : text.trim();
	}

	private static List<String> strings(Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof Collection<?> list) {
			return list.stream().map(String::valueOf).collect(Collectors.toList());
		}
		return Arrays.stream(String.valueOf(value).split("\\s+")).filter(s -> !s.isBlank()).toList();
	}

	static Set<String> set(Collection<String> values) {
		return Set.copyOf(values);
	}
}
