package se.karta.subscription;

import se.karta.terms.KartaTerms;

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
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import ca.uhn.fhir.rest.server.messaging.BaseResourceMessage;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.beans.factory.annotation.Autowired;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ca.uhn.fhir.util.HapiExtensions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import se.karta.bench.SipBundles;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp;
import se.karta.support.Fixtures;
import se.karta.support.TestTokens;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/**
 * REST-hook Subscriptions over real HTTP: a local endpoint receives exactly one notification per
 * matching change and none for other changes; a failing endpoint is retried until it succeeds, and
 * the failure is visible on the Subscription meanwhile. An organisation's Subscription is its own
 * (others can neither see nor change it) and delivers only what the organisation may read: in full,
 * by id only once it may no longer read what it knew of, and nothing otherwise.
 */
class SubscriptionApiTest extends KartaApiTest {

	@Autowired
	private UnwatchedChangeFilter unwatched;

	private HttpServer endpoint;
	private final List<String> received = new CopyOnWriteArrayList<>();
	/** What the organisations' endpoints got: "METHOD /path" and the body, by the endpoint's name. */
	private final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();

	record Delivery(String request, String body) {}

	static final String REGION = Fixtures.REGION_HSA;
	static final String OUTSIDER = Fixtures.OUTSIDER_HSA;
	static final String ALL = "user/*.read user/*.write";
	static final String MATCHING_CHANGE = "Uppdaterad efter möte";
	static final String OTHER_CHANGE = "Ändring som inte ska levereras";
	static final String FLAKY_MARKER = "Leverans som först misslyckas";
	private final AtomicInteger failuresLeft = new AtomicInteger();
	private final AtomicInteger failingAttempts = new AtomicInteger();

	@BeforeEach
	void startEndpoint() throws IOException {
		endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		endpoint.createContext("/hook", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			// only the test's own changes count: the stored worlds' creates may still be in HAPI's matching
			// queue when the Subscription becomes active
			if (body.contains(MATCHING_CHANGE) || body.contains(OTHER_CHANGE)) {
				received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		endpoint.createContext("/org", exchange -> {
			String path = exchange.getRequestURI().getPath();
			String name = path.split("/")[2];
			String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			deliveries.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>())
					.add(new Delivery(exchange.getRequestMethod() + " " + path, body));
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		endpoint.createContext("/flaky", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			// only the test's own change counts: the stored world's creates may still be in HAPI's matching
			// queue when the Subscription becomes active, and their deliveries must not use up the failures
			boolean fail = false;
			if (body.contains(FLAKY_MARKER)) {
				failingAttempts.incrementAndGet();
				fail = failuresLeft.getAndDecrement() > 0;
				if (!fail) {
					received.add("flaky " + exchange.getRequestURI().getPath());
				}
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
		plan.setDescription(MATCHING_CHANGE);
		assertThat(http().put("/fhir/CarePlan/" + plan.getIdElement().getIdPart(), plan).status()).isEqualTo(200);
		CarePlan otherPlan = other.plan();
		otherPlan.setDescription(OTHER_CHANGE);
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
		plan.setDescription(FLAKY_MARKER);
		assertThat(http().put("/fhir/CarePlan/" + plan.getIdElement().getIdPart(), plan).status()).isEqualTo(200);

		boolean sawError = waitFor(() -> http().get("/fhir/" + subscription).resource(Subscription.class).getStatus()
				== Subscription.SubscriptionStatus.ERROR, Duration.ofSeconds(20));
		assertThat(waitFor(() -> received.stream().anyMatch(r -> r.startsWith("flaky")), Duration.ofSeconds(40)))
				.as("delivered after retries").isTrue();
		assertThat(failingAttempts.get()).isGreaterThanOrEqualTo(3);
		assertThat(sawError).as("Subscription.status=error while failing").isTrue();
		assertThat(waitFor(() -> http().get("/fhir/" + subscription).resource(Subscription.class).getStatus()
				== Subscription.SubscriptionStatus.ACTIVE, Duration.ofSeconds(10))).isTrue();
		assertThat(http().get("/fhir/" + subscription).resource(Subscription.class).hasError()).isFalse();
	}

	@Test
	void aSubscriptionBelongsToTheOrganisationThatCreatedIt() throws Exception {
		FhirHttp region = staff(REGION);
		FhirHttp outsider = staff(OUTSIDER);
		// matches nothing: deliveries (and their status writes) would race this test's own update and delete
		Subscription asked = subscription(MATCHES_NOTHING, "/org/own");
		asked.getMeta().addTag(KartaTerms.CS_SUBSCRIPTION_OWNER, OUTSIDER, null); // claims to be someone else's
		Response created = region.post("/fhir/Subscription", asked);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = "Subscription/" + created.createdId();

		Subscription stored = http().get("/fhir/" + id).resource(Subscription.class);
		assertThat(stored.getMeta().getTag()).filteredOn(t -> KartaTerms.CS_SUBSCRIPTION_OWNER.equals(t.getSystem()))
				.extracting(t -> t.getCode()).containsExactly(REGION);
		assertThat(region.get("/fhir/" + id).status()).isEqualTo(200);
		assertThat(ids(region.get("/fhir/Subscription?_count=200"))).contains(created.createdId());

		assertThat(outsider.get("/fhir/" + id).status()).isEqualTo(403);
		Response outsiderSearch = outsider.get("/fhir/Subscription?_count=200");
		assertThat(outsiderSearch.status()).as(outsiderSearch.body()).isEqualTo(200);
		assertThat(ids(outsiderSearch)).doesNotContain(created.createdId());
		stored.setReason("Kapad");
		assertThat(outsider.put("/fhir/" + id, stored).status()).isEqualTo(403);
		assertThat(outsider.delete("/fhir/" + id).status()).isEqualTo(403);

		Subscription changed = region.get("/fhir/" + id).resource(Subscription.class);
		changed.setReason("Ändrad av ägaren");
		changed.getMeta().getTag().clear();
		changed.getMeta().addTag(KartaTerms.CS_SUBSCRIPTION_OWNER, OUTSIDER, null);
		Response updated = region.put("/fhir/" + id, changed);
		assertThat(updated.status()).as(updated.body()).isEqualTo(200);
		assertThat(http().get("/fhir/" + id).resource(Subscription.class).getMeta().getTag())
				.filteredOn(t -> KartaTerms.CS_SUBSCRIPTION_OWNER.equals(t.getSystem()))
				.extracting(t -> t.getCode()).containsExactly(REGION);
		Response deleted = region.delete("/fhir/" + id);
		assertThat(deleted.status()).as(deleted.body()).isIn(200, 204);
	}

	@Test
	void anOrganisationsSubscriptionCannotAskForUnfilteredPayloads() {
		Subscription latest = subscription("CarePlan?status=active", "/org/latest");
		latest.getChannel().addExtension(HapiExtensions.EXT_SUBSCRIPTION_RESTHOOK_DELIVER_LATEST_VERSION,
				new org.hl7.fhir.r4.model.BooleanType(true));
		Response refused = staff(REGION).post("/fhir/Subscription", latest);
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.outcome().getIssueFirstRep().getDiagnostics()).contains("deliver-latest-version");
		assertThat(refused.outcome().getIssueFirstRep().getDetails().getText()).contains("prenumeration");
		// an administrator's (ownerless) Subscription may
		assertThat(http().post("/fhir/Subscription", latest).status()).isEqualTo(201);
	}

	/** Criteria no test's data meets. */
	private static final String MATCHES_NOTHING = "CarePlan?_id=no-such-plan";

	@Test
	void theAuditTrailCannotBeSubscribedTo() {
		Response refused = http().post("/fhir/Subscription", subscription("AuditEvent?outcome=4", "/audit"));
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.outcome().getIssueFirstRep().getExpression()).extracting(e -> e.getValue())
				.containsExactly("Subscription.criteria");
		assertThat(refused.outcome().getIssueFirstRep().getDetails().getText()).contains("Granskningsloggen");

		// nor can an accepted Subscription be turned into one
		Response created = http().post("/fhir/Subscription", subscription(MATCHES_NOTHING, "/audit"));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		Subscription stored = http().get("/fhir/Subscription/" + created.createdId()).resource(Subscription.class);
		stored.setCriteria("AuditEvent");
		Response changed = http().put("/fhir/Subscription/" + created.createdId(), stored);
		assertThat(changed.status()).as(changed.body()).isEqualTo(422);

		assertThat(http().delete("/fhir/Subscription/" + created.createdId()).status()).isIn(200, 204);

		// and the CapabilityStatement says so
		assertThat(http().get("/fhir/metadata").resource(org.hl7.fhir.r4.model.CapabilityStatement.class)
				.getRestFirstRep().getSecurity().getDescription()).contains("AuditEvents cannot be subscribed to");
	}

	@Test
	void deliversOnlyWhatTheOwningOrganisationMayRead() throws Exception {
		Fixtures.outsider(http());
		ExampleWorld world = store(ExampleWorld.SIP);
		String patient = "Patient/" + world.patient().getIdElement().getIdPart();
		subscribe(staff(REGION), "CarePlan?patient=" + patient, "/org/region");
		subscribe(staff(OUTSIDER), "CarePlan?patient=" + patient, "/org/outsider");

		CarePlan plan = world.plan();
		plan.setDescription("Uppdaterad för planeringsgruppen");
		assertThat(http().put("/fhir/CarePlan/" + plan.getIdElement().getIdPart(), plan).status()).isEqualTo(200);

		assertThat(waitFor(() -> deliveries.containsKey("region"), Duration.ofSeconds(30))).as("delivered").isTrue();
		Thread.sleep(3000);
		assertThat(deliveries.get("region")).hasSize(1);
		Delivery delivered = deliveries.get("region").get(0);
		assertThat(delivered.request()).isEqualTo("PUT /org/region/CarePlan/" + plan.getIdElement().getIdPart());
		assertThat(delivered.body()).contains("Uppdaterad för planeringsgruppen");
		assertThat(deliveries.get("outsider")).as("nothing for an organisation that may not read the plan").isNull();
	}

	@Test
	void idOnlyWhenTheOwnerMayNoLongerReadWhatItKnewOf() throws Exception {
		ExampleWorld world = store(ExampleWorld.SIP);
		String outsiderOrg = Fixtures.outsider(http());
		Response person = http().post("/fhir/Patient", Fixtures.patient(
				SipBundles.personnummer(java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000, 17_000_000)),
				"Prenumerantsson"));
		assertThat(person.status()).as(person.body()).isEqualTo(201);
		Reference patient = new Reference("Patient/" + person.createdId());
		subscribe(staff(REGION), "Task?patient=" + patient.getReference(), "/org/tasks");

		Task task = Fixtures.planningRequest(patient, world.ref(world.organization("kommun")),
				world.ref(world.organization("region")));
		task.setDescription("Hemlig uppgift om personen");
		Response created = http().post("/fhir/Task", task);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String taskId = created.createdId();
		assertThat(waitFor(() -> count("tasks") == 1, Duration.ofSeconds(30))).as("the create, in full").isTrue();
		assertThat(deliveries.get("tasks").get(0).body()).contains("Hemlig uppgift om personen");

		Task handedOn = http().get("/fhir/Task/" + taskId).resource(Task.class);
		handedOn.setOwner(new Reference("Organization/" + outsiderOrg));
		handedOn.setDescription("Ny hemlig text");
		Response moved = http().put("/fhir/Task/" + taskId, handedOn);
		assertThat(moved.status()).as(moved.body()).isEqualTo(200);
		assertThat(waitFor(() -> count("tasks") == 2, Duration.ofSeconds(30))).as("the hand-over, id only").isTrue();
		Delivery idOnly = deliveries.get("tasks").get(1);
		assertThat(idOnly.request()).isEqualTo("PUT /org/tasks/Task/" + taskId);
		Task stub = (Task) ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(idOnly.body());
		assertThat(stub.getIdElement().getIdPart()).isEqualTo(taskId);
		assertThat(stub.getMeta().getTag()).as(idOnly.body()).anyMatch(t -> OwnedDeliveryFilter.ID_ONLY.equals(t.getCode()));
		assertThat(idOnly.body()).doesNotContain("hemlig", "Hemlig", "Organization/" + outsiderOrg);
		assertThat(stub.hasOwner() || stub.hasDescription() || stub.hasFor()).isFalse();

		Task later = http().get("/fhir/Task/" + taskId).resource(Task.class);
		later.setDescription("Ändring organisationen inte får veta något om");
		assertThat(http().put("/fhir/Task/" + taskId, later).status()).isEqualTo(200);
		Thread.sleep(4000);
		assertThat(count("tasks")).as("nothing once the organisation is out of it").isEqualTo(2);
	}

	@Test
	void changesNoActiveSubscriptionCanMatchAreNotQueuedForMatching() throws Exception {
		ExampleWorld world = store(ExampleWorld.SIP);
		String patient = "Patient/" + world.patient().getIdElement().getIdPart();
		subscribe("CarePlan?patient=" + patient, "/hook");

		CarePlan plan = world.plan();
		Organization organisation = new Organization().setName("Ingen prenumererar");
		organisation.setId("Organization/unwatched-1");
		Subscription subscription = subscription("Task?status=requested", "/hook");
		subscription.setId("Subscription/unwatched-1");
		assertThat(unwatched.resourceModified(change(plan))).as("a CarePlan is watched").isTrue();
		assertThat(unwatched.resourceModified(change(organisation))).as("no Subscription watches Organizations").isFalse();
		assertThat(unwatched.resourceModified(change(subscription))).as("Subscriptions always pass").isTrue();

		// the watched side still delivers: the plan change arrives, the Organization change is not matched
		plan.setDescription(MATCHING_CHANGE);
		assertThat(http().put("/fhir/CarePlan/" + plan.getIdElement().getIdPart(), plan).status()).isEqualTo(200);
		assertThat(waitFor(() -> !received.isEmpty(), Duration.ofSeconds(30))).as("delivered").isTrue();
	}

	private static ResourceModifiedMessage change(org.hl7.fhir.r4.model.Resource resource) {
		return new ResourceModifiedMessage(FHIR, resource, BaseResourceMessage.OperationTypeEnum.UPDATE);
	}

	private int count(String endpointName) {
		List<Delivery> got = deliveries.get(endpointName);
		return got == null ? 0 : got.size();
	}

	private FhirHttp staff(String hsaId) {
		return http().withToken(TestTokens.staff(hsaId, ALL));
	}

	private static List<String> ids(Response search) {
		return search.bundle().getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
	}

	private ExampleWorld store(String example) {
		Response stored = http().post("/fhir", ExampleWorld.transaction(example));
		assertThat(stored.status()).as(stored.body()).isEqualTo(200);
		return ExampleWorld.stored(http(), stored.bundle());
	}

	private Subscription subscription(String criteria, String path) {
		Subscription subscription = new Subscription();
		subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
		subscription.setReason("Karta test");
		subscription.setCriteria(criteria);
		subscription.getChannel()
				.setType(Subscription.SubscriptionChannelType.RESTHOOK)
				.setEndpoint("http://127.0.0.1:" + endpoint.getAddress().getPort() + path)
				.setPayload("application/fhir+json");
		return subscription;
	}

	private String subscribe(String criteria, String path) throws InterruptedException {
		return subscribe(http(), criteria, path);
	}

	private String subscribe(FhirHttp as, String criteria, String path) throws InterruptedException {
		Response created = as.post("/fhir/Subscription", subscription(criteria, path));
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
