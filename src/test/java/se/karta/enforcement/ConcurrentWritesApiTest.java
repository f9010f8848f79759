package se.karta.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import se.karta.bench.SipBundles;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/**
 * Four clients storing complete SIP transactions (with {@code meta.profile}) at the same time: every
 * one is accepted. Rules read stored resources inside the write transaction; with HAPI's shared tag
 * rows that tripped over tag definitions attached to two sessions (HTTP 500), so the production
 * (PostgreSQL) configuration stores tags inline. Runs in the PostgreSQL pass.
 */
class ConcurrentWritesApiTest extends KartaApiTest {

	@Test
	void concurrentSipTransactionsAreAllStored() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(se.karta.support.TestDatabase.isPostgres(),
				"production tag storage (inline) is the PostgreSQL configuration");
		SipBundles bundles = new SipBundles(FHIR, Path.of("profiles/examples/Bundle-sip-example.json"));
		long offset = 9_000_000L + (System.nanoTime() % 100_000L) * 10;
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<Response>> results = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				String json = bundles.json(offset + i);
				results.add(clients.submit(() -> http().post("/fhir", json, Map.of())));
			}
			for (Future<Response> result : results) {
				Response response = result.get();
				assertThat(response.status()).as(response.body()).isEqualTo(200);
			}
		} finally {
			clients.shutdownNow();
		}
	}
}
