package se.karta.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import se.karta.KartaApplication;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp;
import se.karta.support.FhirHttp.Response;
import se.karta.support.TestDatabase;
import se.karta.workflow.Worlds;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.LocalDate;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;

/**
 * Two Karta nodes on one PostgreSQL database, as behind a load balancer: what one writes the other
 * reads at once; concurrent updates of one plan give one success and one 412, never a lost update; a
 * SearchParameter or a Subscription created on one node takes effect on the other within HAPI's
 * registry refresh (at most 70 s: a 60 s refresh checked every 10 s), and each change is delivered
 * once; the review check run on both nodes at once creates each Task once. PostgreSQL pass only.
 */
class TwoNodesApiTest {

	static final String SCHEMA = TestDatabase.schemaName("karta_nodes");
	static final Duration SEARCH_PARAMETER_PROPAGATION = Duration.ofSeconds(75);

	static ConfigurableApplicationContext nodeA;
	static ConfigurableApplicationContext nodeB;
	static FhirHttp a;
	static FhirHttp b;

	@BeforeAll
	static void startTwoNodes() throws Exception {
		assumeTrue(TestDatabase.isPostgres(), "two-node tests run in the PostgreSQL pass");
		assumeTrue(TestDatabase.preparePostgres(), "PostgreSQL not reachable");
		try (Connection connection = DriverManager.getConnection(
						TestDatabase.postgresUrl("public"), TestDatabase.postgresUser(), "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
			statement.execute("CREATE SCHEMA " + SCHEMA);
		}
		// both start at once, as a deployment would: HAPI's migration lock lets one migrate
		CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture.supplyAsync(TwoNodesApiTest::start);
		CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(TwoNodesApiTest::start);
		nodeA = first.get();
		nodeB = second.get();
		a = http(nodeA);
		b = http(nodeB);
	}

	@AfterAll
	static void stopNodes() {
		if (nodeA != null) {
			nodeA.close();
		}
		if (nodeB != null) {
			nodeB.close();
		}
	}

	@Test
	void whatOneNodeWritesTheOtherReadsAndSearchesAtOnce() {
		Response stored = a.post("/fhir", ExampleWorld.transaction(ExampleWorld.SIP));
		assertThat(stored.status()).as(stored.body()).isEqualTo(200);
		ExampleWorld world = ExampleWorld.stored(b, stored.bundle());
		String patient = "Patient/" + world.patient().getIdElement().getIdPart();
		Bundle plans = b.get("/fhir/CarePlan?patient=" + patient + "&_include=CarePlan:care-team").bundle();
		assertThat(plans.getEntry()).extracting(e -> e.getResource().fhirType())
				.containsExactlyInAnyOrder("CarePlan", "CareTeam");
	}

	@Test
	void concurrentUpdatesOnTwoNodesGiveOneSuccessAndOne412() throws Exception {
		Response stored = a.post("/fhir", ExampleWorld.transaction(ExampleWorld.SIP));
		CarePlan plan = ExampleWorld.stored(a, stored.bundle()).plan();
		String path = "/fhir/CarePlan/" + plan.getIdElement().getIdPart();
		String version = a.get(path).header("ETag");

		CyclicBarrier together = new CyclicBarrier(2);
		CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> update(a, path, plan, "från nod A", version, together));
		CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(() -> update(b, path, plan, "från nod B", version, together));

		assertThat(List.of(onA.get(), onB.get())).containsExactlyInAnyOrder(200, 412);
		CarePlan result = b.get(path).resource(CarePlan.class);
		assertThat(result.getMeta().getVersionId()).isEqualTo("2");
		assertThat(result.getDescription()).isIn("från nod A", "från nod B");
	}

	@Test
	void searchParameterCreatedOnOneNodeTakesEffectOnTheOther() throws Exception {
		assertThat(b.get("/fhir/Organization?karta-nodes-alias=x").status()).isEqualTo(400);
		SearchParameter parameter = new SearchParameter();
		parameter.setUrl("https://fhir.karta.se/SearchParameter/karta-nodes-alias");
		parameter.setName("karta-nodes-alias");
		parameter.setCode("karta-nodes-alias");
		parameter.setStatus(Enumerations.PublicationStatus.ACTIVE);
		parameter.addBase("Organization");
		parameter.setType(Enumerations.SearchParamType.STRING);
		parameter.setExpression("Organization.alias");
		parameter.setDescription("Test parameter for two-node propagation");
		assertThat(a.post("/fhir/SearchParameter", parameter).status()).isEqualTo(201);

		Instant deadline = Instant.now().plus(SEARCH_PARAMETER_PROPAGATION);
		int status = 400;
		while (status != 200 && Instant.now().isBefore(deadline)) {
			Thread.sleep(2000);
			status = b.get("/fhir/Organization?karta-nodes-alias=x").status();
		}
		assertThat(status).as("node B knows the new parameter within " + SEARCH_PARAMETER_PROPAGATION).isEqualTo(200);
	}

	@Test
	void reviewCheckStartedOnBothNodesCreatesEachTaskOnce() throws Exception {
		LocalDate today = Worlds.today();
		ExampleWorld world = Worlds.store(a, ExampleWorld.LSS, w -> Worlds.review(w.plan(), today.minusMonths(11),
				today.plusDays(9)));
		CyclicBarrier together = new CyclicBarrier(2);
		CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(() -> runReviewCheck(a, together));
		CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(() -> runReviewCheck(b, together));
		assertThat(List.of(onA.get(), onB.get())).allMatch(status -> status == 200);

		List<Task> tasks = Worlds.tasks(b, "review-due", Worlds.key(world.plan()));
		assertThat(tasks).as("one review-due Task, however many nodes ran the check").hasSize(1);
		assertThat(Worlds.tasks(a, "review-due", Worlds.key(world.plan()))).hasSize(1);
	}

	@Test
	void subscriptionCreatedOnOneNodeDeliversChangesStoredOnTheOtherOnce() throws Exception {
		List<String> received = new CopyOnWriteArrayList<>();
		HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		endpoint.createContext("/hook", exchange -> {
			exchange.getRequestBody().readAllBytes();
			received.add(exchange.getRequestURI().getPath());
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		endpoint.start();
		try {
			ExampleWorld world = ExampleWorld.stored(a, a.post("/fhir", ExampleWorld.transaction(ExampleWorld.SIP)).bundle());
			Subscription subscription = new Subscription();
			subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
			subscription.setReason("Två noder");
			subscription.setCriteria("CarePlan?patient=Patient/" + world.patient().getIdElement().getIdPart());
			subscription.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
					.setEndpoint("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook")
					.setPayload("application/fhir+json");
			Response created = a.post("/fhir/Subscription", subscription);
			assertThat(created.status()).as(created.body()).isEqualTo(201);

			// node B learns of the Subscription within its registry refresh; until then its changes are not matched
			String plan = "/fhir/CarePlan/" + world.plan().getIdElement().getIdPart();
			Instant deadline = Instant.now().plus(SEARCH_PARAMETER_PROPAGATION);
			int change = 0;
			while (received.isEmpty() && Instant.now().isBefore(deadline)) {
				CarePlan current = b.get(plan).resource(CarePlan.class);
				current.setDescription("Ändring " + ++change + " på nod B");
				assertThat(b.put(plan, current).status()).isEqualTo(200);
				Thread.sleep(3000);
			}
			assertThat(received).as("node B delivers within " + SEARCH_PARAMETER_PROPAGATION).isNotEmpty();

			received.clear();
			CarePlan current = b.get(plan).resource(CarePlan.class);
			current.setDescription("En ändring till");
			assertThat(b.put(plan, current).status()).isEqualTo(200);
			Instant delivered = Instant.now().plusSeconds(30);
			while (received.isEmpty() && Instant.now().isBefore(delivered)) {
				Thread.sleep(200);
			}
			Thread.sleep(3000); // time for a second, wrong delivery by the other node
			assertThat(received).as("each change delivered once, by the node that stored it").hasSize(1);
		} finally {
			endpoint.stop(0);
		}
	}

	private static int runReviewCheck(FhirHttp node, CyclicBarrier together) {
		await(together);
		return node.post("/fhir/$run-review-check", "{\"resourceType\":\"Parameters\"}", Map.of()).status();
	}

	private static int update(FhirHttp node, String path, CarePlan plan, String description, String version,
			CyclicBarrier together) {
		CarePlan copy = plan.copy();
		copy.setDescription(description);
		String body = FhirHttp.encode(copy);
		await(together);
		return node.put(path, body, Map.of("If-Match", version)).status();
	}

	/** Both nodes' requests leave at once. */
	private static void await(CyclicBarrier together) {
		try {
			together.await();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(KartaApplication.class)
				.profiles("it-postgres")
				.run("--server.port=0",
						"--spring.datasource.url=" + TestDatabase.postgresUrl(SCHEMA),
						"--spring.datasource.username=" + TestDatabase.postgresUser(),
						"--spring.datasource.password=",
						"--karta.server.openapi=false");
	}

	private static FhirHttp http(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new FhirHttp("http://127.0.0.1:" + port);
	}
}
