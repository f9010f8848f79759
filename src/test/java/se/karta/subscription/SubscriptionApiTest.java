package se.karta.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/**
 * REST-hook Subscriptions over real HTTP: a local endpoint receives exactly one notification per
 * matching change and none for other changes; a failing endpoint is retried until it succeeds, and
 * the failure is visible on the Subscription meanwhile.
 */
class SubscriptionApiTest extends KartaApiTest {

	private HttpServer endpoint;
	private final List<String> received = new CopyOnWriteArrayList<>();
	private final AtomicInteger failuresLeft = new AtomicInteger();
	private final AtomicInteger failingAttempts = new AtomicInteger();

	@BeforeEach
	void startEndpoint() throws IOException {
		endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		endpoint.createContext("/hook", exchange -> {
			received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		endpoint.createContext("/flaky", exchange -> {
			exchange.getRequestBody().readAllBytes();
			failingAttempts.incrementAndGet();
			boolean fail = failuresLeft.getAndDecrement() > 0;
			if (!fail) {
				received.add("flaky " + exchange.getRequestURI().getPath());
			}
			exchange.sendResponseHeaders(fail ? 500 : 200, -1);
			exchange.close();
		});
		endpoint.start();
	}

	@AfterEach
	void stopEndpoint() {
		endpoint.stop(0);
	}

	@Test
	void matchingChangeIsDeliveredExactlyOnce() throws Exception {
		ExampleWorld mine = store(ExampleWorld.SIP);
		ExampleWorld other = store(ExampleWorld.LSS);
		String patient = "Patient/" + mine.patient().getIdElement().getIdPart();
		String subscription = subscribe("CarePlan?patient=" + patient, "/hook");

		CarePlan plan = mine.plan();
		plan.setDescription("Uppdaterad efter möte");
		assertThat(http().put("/fhir/CarePlan/" + plan.getIdElement().getIdPart(), plan).status()).isEqualTo(200);
		CarePlan otherPlan = other.plan();
		otherPlan.setDescription("Ändring som inte ska levereras");
		assertThat(http().put("/fhir/CarePlan/" + otherPlan.getIdElement().getIdPart(), otherPlan).status())
				.isEqualTo(200);

		assertThat(waitFor(() -> !received.isEmpty(), Duration.ofSeconds(30))).as("delivered").isTrue();
		Thread.sleep(3000);
		assertThat(received).hasSize(1);
		assertThat(received.get(0)).contains("CarePlan/" + plan.getIdElement().getIdPart());
		assertThat(http().get("/fhir/" + subscription).resource(Subscription.class).getStatus())
				.isEqualTo(Subscription.SubscriptionStatus.ACTIVE);
	}

	@Test
	void failingEndpointIsRetriedAndTheFailureIsVisible() throws Exception {
		ExampleWorld world = store(ExampleWorld.SIP);
		String patient = "Patient/" + world.patient().getIdElement().getIdPart();
		String subscription = subscribe("CarePlan?patient=" + patient, "/flaky");
		failuresLeft.set(2);

		CarePlan plan = world.plan();
		plan.setDescription("Leverans som först misslyckas");
		assertThat(http().put("/fhir/CarePlan/" + plan.getIdElement().getIdPart(), plan).status()).isEqualTo(200);

		boolean sawError = waitFor(() -> http().get("/fhir/" + subscription).resource(Subscription.class).getStatus()
				== Subscription.SubscriptionStatus.ERROR, Duration.ofSeconds(20));
		assertThat(waitFor(() -> received.contains("flaky /flaky/CarePlan/" + plan.getIdElement().getIdPart())
						|| received.stream().anyMatch(r -> r.startsWith("flaky")), Duration.ofSeconds(40)))
				.as("delivered after retries").isTrue();
		assertThat(failingAttempts.get()).isGreaterThanOrEqualTo(3);
		assertThat(sawError).as("Subscription.status=error while failing").isTrue();
		assertThat(waitFor(() -> http().get("/fhir/" + subscription).resource(Subscription.class).getStatus()
				== Subscription.SubscriptionStatus.ACTIVE, Duration.ofSeconds(10))).isTrue();
		assertThat(http().get("/fhir/" + subscription).resource(Subscription.class).hasError()).isFalse();
	}

	private ExampleWorld store(String example) {
		Response stored = http().post("/fhir", ExampleWorld.transaction(example));
		assertThat(stored.status()).as(stored.body()).isEqualTo(200);
		return ExampleWorld.stored(http(), stored.bundle());
	}

	private String subscribe(String criteria, String path) throws InterruptedException {
		Subscription subscription = new Subscription();
		subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
		subscription.setReason("Karta test");
		subscription.setCriteria(criteria);
		subscription.getChannel()
				.setType(Subscription.SubscriptionChannelType.RESTHOOK)
				.setEndpoint("http://127.0.0.1:" + endpoint.getAddress().getPort() + path)
				.setPayload("application/fhir+json");
		Response created = http().post("/fhir/Subscription", subscription);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = "Subscription/" + created.createdId();
		assertThat(waitFor(() -> http().get("/fhir/" + id).resource(Subscription.class).getStatus()
				== Subscription.SubscriptionStatus.ACTIVE, Duration.ofSeconds(30))).as("activated").isTrue();
		Thread.sleep(1500); // the matcher registry picks the active Subscription up
		return id;
	}

	private static boolean waitFor(BooleanSupplier condition, Duration limit) throws InterruptedException {
		Instant deadline = Instant.now().plus(limit);
		while (Instant.now().isBefore(deadline)) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(250);
		}
		return condition.getAsBoolean();
	}
}
