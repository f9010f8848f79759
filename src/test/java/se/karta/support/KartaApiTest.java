package se.karta.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import se.karta.KartaApplication;

/**
 * Base of every integration suite: the whole server on a random port, over real HTTP, on the
 * database {@link TestDatabase} picks. All suites share one Spring context per database. Security is
 * on: {@link #http()} sends the administrative token of {@link TestTokens}; use
 * {@code http().withToken(...)} or {@code http().anonymous()} for other callers.
 */
@SpringBootTest(classes = KartaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.ProfileResolver.class)
public abstract class KartaApiTest {

	protected static final FhirContext FHIR = FhirContext.forR4Cached();

	@LocalServerPort
	protected int port;

	private FhirHttp http;

	@BeforeAll
	static void requireDatabase() {
		if (TestDatabase.isPostgres()) {
			assumeTrue(TestDatabase.preparePostgres(), "PostgreSQL not reachable: suite skipped");
		}
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		// security on, trusting the test key of TestTokens (one key per JVM, so one context per database)
		registry.add("karta.security.enabled", () -> "true");
		registry.add("karta.security.jwt.public-key", TestTokens::publicKeyPem);
		registry.add("karta.security.jwt.issuer-uri", () -> TestTokens.ISSUER);
		if (TestDatabase.isPostgres()) {
			registry.add("spring.datasource.url", () -> TestDatabase.postgresUrl(TestDatabase.SCHEMA));
			registry.add("spring.datasource.username", TestDatabase::postgresUser);
			registry.add("spring.datasource.password", () -> "");
		}
	}

	protected FhirHttp http() {
		if (http == null) {
			http = new FhirHttp("http://127.0.0.1:" + port, TestTokens.admin());
		}
		return http;
	}
}
