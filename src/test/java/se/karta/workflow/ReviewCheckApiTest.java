package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.Fixtures;
import se.karta.support.KartaApiTest;

/** LSS 10 § st 2: the annual-review check and {@code $run-review-check} (CONTRACT section 5). */
class ReviewCheckApiTest extends KartaApiTest {

	@Test
	void duePlansGetOneTaskEvenWhenTheJobRunsTwice() {
		LocalDate today = Worlds.today();
		ExampleWorld due = lssPlan(today.minusMonths(11), today.plusDays(10));
		ExampleWorld overdue = lssPlan(today.minusMonths(11).minusDays(20), today.minusDays(5));
		ExampleWorld later = lssPlan(today.minusMonths(6), today.plusDays(60));
		ExampleWorld onHold = lssPlan(today.minusMonths(11), today.plusDays(3), CarePlan.CarePlanStatus.ONHOLD);

		int first = runReviewCheck();
		int second = runReviewCheck();

		assertThat(first).isGreaterThanOrEqualTo(2);
		assertThat(second).as("a second run creates nothing new").isZero();
		assertDueTask(due, today.plusDays(10));
		assertDueTask(overdue, today.minusDays(5));
		assertThat(Worlds.tasks(http(), "review-due", Worlds.key(later.plan()))).isEmpty();
		assertThat(Worlds.tasks(http(), "review-due", Worlds.key(onHold.plan()))).isEmpty();
	}

	@Test
	void aNewLastReviewedCompletesTheOpenTask() {
		LocalDate today = Worlds.today();
		ExampleWorld world = lssPlan(today.minusMonths(11), today.plusDays(7));
		runReviewCheck();
		assertDueTask(world, today.plusDays(7));

		CarePlan plan = world.plan();
		Worlds.review(plan, today, today.plusMonths(11));
		Response reviewed = http().put("/fhir/CarePlan/" + Worlds.id(plan), plan);
		assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);

		List<Task> tasks = Worlds.tasks(http(), "review-due", Worlds.key(plan));
		assertThat(tasks).hasSize(1);
		assertThat(tasks.get(0).getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
		runReviewCheck();
		assertThat(Worlds.tasks(http(), "review-due", Worlds.key(plan))).hasSize(1);
	}

	@Test
	void concurrentRunsCreateOneTask() throws Exception {
		LocalDate today = Worlds.today();
		ExampleWorld world = lssPlan(today.minusMonths(11), today.plusDays(1));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Integer>> runs = List.of(this::runReviewCheck, this::runReviewCheck, this::runReviewCheck,
					this::runReviewCheck);
			for (Future<Integer> run : pool.invokeAll(runs)) {
				run.get();
			}
		} finally {
			pool.shutdownNow();
		}
		assertDueTask(world, today.plusDays(1));
	}

	private void assertDueTask(ExampleWorld world, LocalDate nextReview) {
		CarePlan plan = world.plan();
		List<Task> tasks = Worlds.tasks(http(), "review-due", Worlds.key(plan));
		assertThat(tasks).as(Worlds.key(plan)).hasSize(1);
		Task task = tasks.get(0);
		Reference overall = (Reference) plan.getExtensionByUrl(Fixtures.ext("overall-responsibility")).getValue();
		assertThat(task.getOwner().getReference()).isEqualTo(overall.getReference());
		assertThat(task.getFor().getReference()).isEqualTo(Worlds.key(world.patient()));
		assertThat(task.getRestriction().getPeriod().getEndElement().getValueAsString()).startsWith(nextReview.toString());
	}

	private ExampleWorld lssPlan(LocalDate lastReviewed, LocalDate nextReview) {
		return lssPlan(lastReviewed, nextReview, CarePlan.CarePlanStatus.ACTIVE);
	}

	private ExampleWorld lssPlan(LocalDate lastReviewed, LocalDate nextReview, CarePlan.CarePlanStatus status) {
		return Worlds.store(http(), ExampleWorld.LSS, w -> {
			Worlds.review(w.plan(), lastReviewed, nextReview);
			w.plan().setStatus(status);
		});
	}

	private int runReviewCheck() {
		Response response = http().post("/fhir/$run-review-check", FHIR_EMPTY, java.util.Map.of());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Parameters result = response.resource(Parameters.class);
		return ((IntegerType) result.getParameter("created").getValue()).getValue();
	}

	private static final String FHIR_EMPTY = "{\"resourceType\":\"Parameters\"}";
}
