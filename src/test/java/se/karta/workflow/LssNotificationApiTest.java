package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/** LSS 10 § st 3: one ip-notification Task when an lss-ip first becomes active (CONTRACT section 5). */
class LssNotificationApiTest extends KartaApiTest {

	@Test
	void planCreatedActiveNotifiesTheOtherPrincipalOnce() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS);
		CarePlan plan = world.plan();

		List<Task> tasks = Worlds.tasks(http(), "ip-notification", Worlds.key(plan));
		assertThat(tasks).hasSize(1);
		Task task = tasks.get(0);
		// the kommun drew the plan up (author); the region is told
		assertThat(task.getRequester().getReference()).isEqualTo(Worlds.key(world.organization("kommun")));
		assertThat(task.getOwner().getReference()).isEqualTo(Worlds.key(world.organization("region")));
		assertThat(task.getFor().getReference()).isEqualTo(Worlds.key(world.patient()));
		assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
		assertThat(task.getMeta().getProfile()).anyMatch(p -> p.getValue().endsWith("/karta-task"));

		// stored again, put on hold and made active again: still the one notification
		put(plan);
		plan.setStatus(CarePlan.CarePlanStatus.ONHOLD);
		put(plan);
		plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		put(plan);
		assertThat(Worlds.tasks(http(), "ip-notification", Worlds.key(plan))).hasSize(1);
	}

	@Test
	void draftIsNotNotifiedUntilItBecomesActive() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS, w -> {
			w.plan().setStatus(CarePlan.CarePlanStatus.DRAFT);
			w.plan().setAuthor(null); // then the overall-responsible organisation (the kommun) drew it up
		});
		CarePlan plan = world.plan();
		assertThat(Worlds.tasks(http(), "ip-notification", Worlds.key(plan))).isEmpty();

		plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		put(plan);
		put(plan);

		List<Task> tasks = Worlds.tasks(http(), "ip-notification", Worlds.key(plan));
		assertThat(tasks).hasSize(1);
		assertThat(tasks.get(0).getRequester().getReference()).isEqualTo(Worlds.key(world.organization("kommun")));
		assertThat(tasks.get(0).getOwner().getReference()).isEqualTo(Worlds.key(world.organization("region")));
	}

	@Test
	void sipGetsNoNotification() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.SIP);
		assertThat(Worlds.tasks(http(), "ip-notification", Worlds.key(world.plan()))).isEmpty();
	}

	private void put(CarePlan plan) {
		Response response = http().put("/fhir/CarePlan/" + Worlds.id(plan), plan);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}
}
