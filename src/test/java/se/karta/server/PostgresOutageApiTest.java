package se.karta.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import se.karta.support.FhirHttp.Response;
import se.karta.support.Fixtures;
import se.karta.support.KartaApiTest;
import se.karta.support.TestDatabase;

/**
 * Fault: PostgreSQL stops and starts again while a bounded write load runs. The server recovers by
 * itself (health DOWN, then UP), every write it acknowledged is still there, and writes during the
 * outage get 503 with an OperationOutcome, never 500 and never a hang. PostgreSQL pass only; it
 * needs {@code pg_ctlcluster} and the right to use it (CI runs as root).
 */
class PostgresOutageApiTest extends KartaApiTest {

	private static final Duration MAX_REQUEST = Duration.ofSeconds(20);

	@Test
	void serverRidesOutADatabaseRestart() throws Exception {
		assumeTrue(TestDatabase.isPostgres(), "PostgreSQL pass only");
		String[] cluster = localCluster();
		assumeTrue(cluster != null || "true".equalsIgnoreCase(System.getenv("CI")),
				"no local PostgreSQL cluster to restart");
		assertThat(cluster).as("CI must be able to restart PostgreSQL").isNotNull();

		Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
		List<Integer> statuses = new CopyOnWriteArrayList<>();
		List<Response> unavailable = new CopyOnWriteArrayList<>();
		List<Duration> durations = new CopyOnWriteArrayList<>();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread load = new Thread(() -> {
			int i = 0;
			while (running.get() && i < 400) {
				Instant start = Instant.now();
				Response response = http().post("/fhir/Organization",
						Fixtures.organization("other", "Utfall " + i, "SE2321000016-OUT" + i));
				durations.add(Duration.between(start, Instant.now()));
				statuses.add(response.status());
				if (response.status() == 201) {
					acknowledged.put(response.createdId(), i);
				} else if (response.status() == 503) {
					unavailable.add(response);
				}
				i++;
			}
		});
		load.start();
		Thread.sleep(1500);

		pgctl(cluster, "stop");
		boolean sawDown = waitForHealth("DOWN", Duration.ofSeconds(30));
		Thread.sleep(2000);
		pgctl(cluster, "start");
		boolean sawUp = waitForHealth("UP", Duration.ofSeconds(60));
		Thread.sleep(1500);
		running.set(false);
		load.join(MAX_REQUEST.toMillis() * 2);

		assertThat(sawDown).as("health DOWN while the database is stopped").isTrue();
		assertThat(sawUp).as("health UP again after restart").isTrue();
		assertThat(statuses).as("only 201 or 503, never 500").allMatch(s -> s == 201 || s == 503);
		assertThat(durations).as("no request hangs").allMatch(d -> d.compareTo(MAX_REQUEST) < 0);
		assertThat(unavailable).as("some writes hit the outage").isNotEmpty();
		unavailable.forEach(r -> {
			assertThat(r.header("Retry-After")).isNotNull();
			assertThat(r.outcome().getIssueFirstRep().getDetails().getText()).contains("Databasen");
		});
		assertThat(acknowledged).isNotEmpty();
		acknowledged.keySet().forEach(id ->
				assertThat(http().get("/fhir/Organization/" + id).status()).as("acknowledged " + id).isEqualTo(200));
		assertThat(http().post("/fhir/Organization", Fixtures.organization("other", "Efter", "SE2321000016-AFT1"))
						.status())
				.isEqualTo(201);
	}

	private boolean waitForHealth(String status, Duration limit) throws InterruptedException {
		Instant deadline = Instant.now().plus(limit);
		while (Instant.now().isBefore(deadline)) {
			Response health = http().get("/actuator/health", Map.of("Accept", "application/json"));
			if (health.body().contains("\"status\":\"" + status + "\"")) {
				return true;
			}
			Thread.sleep(500);
		}
		return false;
	}

	/** The version and name of the local cluster on port 5432, from /etc/postgresql. */
	private static String[] localCluster() throws IOException {
		Path etc = Path.of("/etc/postgresql");
		if (!Files.isDirectory(etc) || !Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster"))) {
			return null;
		}
		try (Stream<Path> versions = Files.list(etc)) {
			for (Path version : versions.toList()) {
				try (Stream<Path> clusters = Files.list(version)) {
					for (Path cluster : clusters.toList()) {
						Path conf = cluster.resolve("postgresql.conf");
						if (Files.exists(conf) && Files.readString(conf).matches("(?s).*\\n\\s*port\\s*=\\s*5432\\b.*")) {
							return new String[] {version.getFileName().toString(), cluster.getFileName().toString()};
						}
					}
				}
			}
		}
		return null;
	}

	private static void pgctl(String[] cluster, String action) throws Exception {
		Process process = new ProcessBuilder(
						"pg_ctlcluster", "--skip-systemctl-redirect", cluster[0], cluster[1], action)
				.redirectErrorStream(true)
				.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor()).as("pg_ctlcluster " + action + ": " + output).isZero();
	}
}
