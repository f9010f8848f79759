package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;
import se.karta.workflow.tasks.TaskStore;

/**
 * The database guard behind "never two Tasks", as two server nodes would hit it: two transactions create
 * the same server-made Task at once, neither seeing the other's uncommitted row. HAPI's
 * {@code HFJ_RES_SEARCH_URL} primary key lets only one commit.
 */
class TaskGuardApiTest extends KartaApiTest {

	@Autowired
	private TaskStore tasks;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void twoConcurrentCreatesOfTheSameTaskStoreOne() throws Exception {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS);
		CarePlan plan = world.plan();
		String key = Worlds.id(plan) + "-guard";
		CountDownLatch firstWritten = new CountDownLatch(1);
		CountDownLatch commitFirst = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Boolean> first = pool.submit(() -> new TransactionTemplate(transactions).execute(status -> {
				boolean created = tasks.createOnce(reviewDue(plan), TaskFactory.REVIEW_DUE, key);
				firstWritten.countDown();
				await(commitFirst);
				return created;
			}));
			assertThat(firstWritten.await(60, TimeUnit.SECONDS)).isTrue();
			Future<Boolean> second = pool.submit(() -> new TransactionTemplate(transactions)
					.execute(status -> tasks.createOnce(reviewDue(plan), TaskFactory.REVIEW_DUE, key)));
			Thread.sleep(1500); // the second is now blocked on (or refused by) the first's uncommitted row
			commitFirst.countDown();

			// whichever commits first wins; the other is refused by the database (HAPI-2745) or finds the winner
			assertThat(outcome(first) + outcome(second)).isEqualTo(1);
		} finally {
			pool.shutdownNow();
		}

		Response found = http().get("/fhir/Task?identifier=" + TaskStore.identifierSystem(TaskFactory.REVIEW_DUE) + "|" + key);
		assertThat(found.bundle().getEntry()).hasSize(1);
	}

	/** 1 when the create stored a Task, 0 when it found one or the database refused it. */
	private static int outcome(Future<Boolean> create) throws Exception {
		try {
			return Boolean.TRUE.equals(create.get(60, TimeUnit.SECONDS)) ? 1 : 0;
		} catch (ExecutionException refused) {
			// HAPI-2745 when HAPI's own transaction flushes; at this test's outer commit, the bare
			// duplicate key of HFJ_RES_SEARCH_URL
			assertThat(refused.getCause().getMessage()).satisfiesAnyOf(
					m -> assertThat(m).contains("HAPI-2745"),
					m -> assertThat(m).containsIgnoringCase("HFJ_RES_SEARCH_URL"));
			return 0;
		}
	}

	private static Task reviewDue(CarePlan plan) {
		Reference owner = TaskFactory.overallResponsibility(plan).orElseThrow();
		return new TaskFactory().reviewDue(plan, owner, LocalDate.now().plusDays(3));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
