package se.karta.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Real signed bearer tokens for tests: an RSA key generated once per test JVM, whose public key the
 * server under test trusts ({@link KartaApiTest}). {@link #admin()} is the default token of
 * {@link FhirHttp}.
 */
public final class TestTokens {

	public static final String ISSUER = "https://issuer.test.karta.se";
	private static final KeyPair KEY = generate();

	private TestTokens() {}

	/** The public key the server checks tokens with, PEM. */
	public static String publicKeyPem() {
		return "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
	}

	/** The administrative/integration token: may do everything. */
	public static String admin() {
		return token(Map.of("scope", "system/*.* karta-admin karta-audit", "sub", "karta-test-admin"));
	}

	/** Staff of the organisation with this HSA-id. */
	public static String staff(String hsaId, String scope) {
		return token(Map.of("scope", scope, "organization", hsaId, "sub", "staff-" + hsaId,
				"fhirUser", "Practitioner/staff-" + hsaId));
	}

	/** A patient-facing app for Patient/{id}. */
	public static String patient(String patientId) {
		return token(Map.of("scope", "patient/*.read", "patient", patientId, "sub", "patient-" + patientId));
	}

	public static String relatedPerson(String relatedPersonId) {
		return token(Map.of("scope", "user/*.read", "fhirUser", "RelatedPerson/" + relatedPersonId,
				"sub", "relative-" + relatedPersonId));
	}

	public static String token(Map<String, Object> claims) {
		return sign(KEY, claims, Duration.ofMinutes(30));
	}

	public static String expired(Map<String, Object> claims) {
		return sign(KEY, claims, Duration.ofMinutes(-10));
	}

	/** Signed by a key the server does not know. */
	public static String foreign(Map<String, Object> claims) {
		return sign(generate(), claims, Duration.ofMinutes(30));
	}

	private static String sign(KeyPair key, Map<String, Object> claims, Duration lifetime) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
				.issuer(ISSUER)
				.jwtID(UUID.randomUUID().toString())
				.issueTime(Date.from(now.minus(Duration.ofMinutes(lifetime.isNegative() ? 30 : 0))))
				.expirationTime(Date.from(now.plus(lifetime)));
		claims.forEach(builder::claim);
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
		try {
			jwt.sign(new RSASSASigner(key.getPrivate()));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
		return jwt.serialize();
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
