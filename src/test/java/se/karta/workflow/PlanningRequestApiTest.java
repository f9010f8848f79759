package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.Fixtures;
import se.karta.support.KartaApiTest;

/** A region asks a kommun to plan a SIP: plain REST, held by SIP-DUTY-TO-PARTICIPATE. */
class PlanningRequestApiTest extends KartaApiTest {

	@Test
	void kommunAcceptsAndCompletesTheRegionsRequest() {
		Task task = newRequest();

		task.setStatus(Task.TaskStatus.ACCEPTED);
		assertThat(put(task).status()).isEqualTo(200);
		task.setStatus(Task.TaskStatus.COMPLETED);
		assertThat(put(task).status()).isEqualTo(200);

		Task stored = http().get("/fhir/Task/" + Worlds.id(task)).resource(Task.class);
		assertThat(stored.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED);
	}

	@Test
	void kommunCannotRejectTheRegionsRequest() {
		Task task = newRequest();

		task.setStatus(Task.TaskStatus.REJECTED);
		Response response = put(task);

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.outcome().getIssue()).anySatisfy(issue -> assertThat(issue.getDetails().getCoding())
				.anySatisfy(c -> assertThat(c.getCode()).isEqualTo("SIP-DUTY-TO-PARTICIPATE")));
		assertThat(http().get("/fhir/Task/" + Worlds.id(task)).resource(Task.class).getStatus())
				.isEqualTo(Task.TaskStatus.REQUESTED);
	}

	private Task newRequest() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.SIP);
		Task task = Fixtures.planningRequest(world.ref(world.patient()), world.ref(world.organization("region")),
				world.ref(world.organization("kommun")));
		Response created = http().post("/fhir/Task", task);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		task.setId(created.createdId());
		return task;
	}

	private Response put(Task task) {
		Response response = http().put("/fhir/Task/" + Worlds.id(task), task);
		return response;
	}
}
