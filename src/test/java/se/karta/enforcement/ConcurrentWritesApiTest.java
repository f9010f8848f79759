package se.karta.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import se.karta.bench.SipBundles;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/**
 * Four clients storing complete SIP transactions that declare {@code meta.profile} at the same time:
 * every one is accepted and every resource is stored with its profile. The rules read stored resources
 * inside the write transaction; that once tripped over HAPI's shared tag definitions (HTTP 500,
 * "Illegal attempt to associate a collection with two open sessions: TagDefinition.myResourceVersions").
 */
class ConcurrentWritesApiTest extends KartaApiTest {

	private static final int CLIENTS = 4;
	private static final int BUNDLES = 4 * 12;

	@Test
	void concurrentSipTransactionsDeclaringProfilesAreAllStored() throws Exception {
		SipBundles bundles = new SipBundles(FHIR, Path.of("profiles/examples/Bundle-sip-example.json"));
		long offset = 9_000_000L + (System.nanoTime() % 8_000L) * 1_000; // distinct people per run, below 18,000,000
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		List<Response> responses = new ArrayList<>();
		try {
			List<Future<Response>> results = new ArrayList<>();
			for (int i = 0; i < BUNDLES; i++) {
				String json = bundles.json(offset + i);
				results.add(clients.submit(() -> http().post("/fhir", json, Map.of())));
			}
			for (Future<Response> result : results) {
				responses.add(result.get());
			}
		} finally {
			clients.shutdownNow();
		}
		List<String> failed = responses.stream()
				.filter(r -> r.status() != 200)
				.map(r -> r.status() + " " + r.body())
				.toList();
		assertThat(failed).as("%d of %d transactions failed", failed.size(), BUNDLES).isEmpty();

		for (Response response : responses) {
			for (Bundle.BundleEntryComponent entry : response.bundle().getEntry()) {
				assertThat(entry.getResponse().getStatus()).startsWith("201");
				Response read = http().get("/fhir/" + entry.getResponse().getLocation());
				assertThat(read.status()).as(read.body()).isEqualTo(200);
				Resource stored = read.resource();
				if (!"Goal".equals(stored.fhirType())) {
					assertThat(stored.getMeta().getProfile()).as(stored.fhirType() + " meta.profile").hasSize(1);
				}
			}
		}
	}
}
