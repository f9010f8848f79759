package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/** The person's own request for an individual plan (Questionnaire ip-request). */
class IpRequestApiTest extends KartaApiTest {

	@Test
	void completeRequestBecomesOneTaskForTheChosenPrincipal() throws Exception {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS);
		QuestionnaireResponse request = request(world);

		Response response = http().post("/fhir/QuestionnaireResponse", request);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		String responseKey = "QuestionnaireResponse/" + response.createdId();
		List<Task> tasks = Worlds.tasks(http(), "ip-request", responseKey);
		assertThat(tasks).hasSize(1);
		Task task = tasks.get(0);
		assertThat(task.getOwner().getReference()).isEqualTo(Worlds.key(world.organization("kommun")));
		assertThat(task.getFor().getReference()).isEqualTo(Worlds.key(world.patient()));
		assertThat(task.getFocus().getReference()).isEqualTo(responseKey);
	}

	@Test
	void incompleteRequestNamesEveryMissingAnswer() throws Exception {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS);
		QuestionnaireResponse request = request(world);
		request.getItem().removeIf(item -> item.getLinkId().equals("support"));
		request.getItem().stream().filter(item -> item.getLinkId().equals("person"))
				.forEach(person -> person.getItem().removeIf(i -> i.getLinkId().equals("person.personnummer")));

		Response response = http().post("/fhir/QuestionnaireResponse", request);

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		OperationOutcome outcome = response.outcome();
		assertThat(outcome.getIssue()).allSatisfy(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
		});
		assertThat(outcome.getIssue()).extracting(issue -> issue.getExpression().get(0).getValue())
				.containsExactlyInAnyOrder(
						"QuestionnaireResponse.item.where(linkId='person').item.where(linkId='person.personnummer')",
						"QuestionnaireResponse.item.where(linkId='support')");
		assertThat(outcome.getIssue()).allSatisfy(issue -> assertThat(issue.getDetails().getText()).startsWith("Obligatoriskt svar saknas"));
	}

	@Test
	void draftRequestIsStoredWithoutTask() throws Exception {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS);
		QuestionnaireResponse request = request(world);
		request.setStatus(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
		request.getItem().removeIf(item -> item.getLinkId().equals("support"));

		Response response = http().post("/fhir/QuestionnaireResponse", request);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		String responseKey = "QuestionnaireResponse/" + response.createdId();
		assertThat(Worlds.tasks(http(), "ip-request", responseKey)).isEmpty();
	}

	/** The package's example request, by the stored person, to the stored kommun. */
	private static QuestionnaireResponse request(ExampleWorld world) throws Exception {
		QuestionnaireResponse request = FHIR.newJsonParser().parseResource(QuestionnaireResponse.class,
				Files.readString(Path.of("profiles/examples/QuestionnaireResponse-ip-request-example.json")));
		request.setId((String) null);
		request.setSubject(new Reference(Worlds.key(world.patient())));
		request.setSource(new Reference(Worlds.key(world.patient())));
		request.setAuthor(new Reference(Worlds.key(world.relatedPerson())));
		request.getItem().stream().filter(item -> item.getLinkId().equals("principal")).forEach(principal -> {
			principal.getItem().clear();
			principal.addItem().setLinkId("principal.organization").setText("Region eller kommun")
					.addAnswer().setValue(new Reference(Worlds.key(world.organization("kommun"))));
		});
		return request;
	}
}
