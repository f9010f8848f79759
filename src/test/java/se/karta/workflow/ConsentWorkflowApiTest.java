package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/** A withdrawn SIP consent and an objection to relatives (CONTRACT section 5). */
class ConsentWorkflowApiTest extends KartaApiTest {

	@Test
	void withdrawnSipConsentGivesTheOverallResponsibleOneTask() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.SIP);
		Consent consent = world.consent();
		CarePlan plan = world.plan();

		consent.setStatus(Consent.ConsentState.INACTIVE);
		Response withdrawn = http().put("/fhir/Consent/" + Worlds.id(consent), consent);
		assertThat(withdrawn.status()).as("a withdrawal is always stored: " + withdrawn.body()).isEqualTo(200);
		// stored again while withdrawn, and rejected: still one Task
		http().put("/fhir/Consent/" + Worlds.id(consent), consent);

		List<Task> tasks = Worlds.tasks(http(), "consent-withdrawn", Worlds.key(plan));
		assertThat(tasks).hasSize(1);
		Task task = tasks.get(0);
		Reference overall = (Reference) plan.getExtensionByUrl(se.karta.support.Fixtures.ext("overall-responsibility")).getValue();
		assertThat(task.getOwner().getReference()).isEqualTo(overall.getReference());
		assertThat(task.getFocus().getReference()).isEqualTo(Worlds.key(plan));
		assertThat(task.getFor().getReference()).isEqualTo(Worlds.key(world.patient()));
		assertThat(task.getReasonReference().getReference()).isEqualTo(Worlds.key(consent));

		// the plan is then held by SIP-CONSENT-WITHDRAWN, but may be ended
		plan.setStatus(CarePlan.CarePlanStatus.REVOKED);
		Response ended = http().put("/fhir/CarePlan/" + Worlds.id(plan), plan);
		assertThat(ended.status()).as(ended.body()).isEqualTo(200);
	}

	@Test
	void objectionEndsEveryRelativeInStoredCareTeams() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS, Worlds::relativeTakesPart);
		Consent objection = Worlds.objection(world);

		Response response = http().post("/fhir/Consent", objection);

		assertThat(response.status()).as("an objection is always accepted: " + response.body()).isEqualTo(201);
		CareTeam team = http().get("/fhir/CareTeam/" + Worlds.id(world.team())).resource(CareTeam.class);
		CareTeam.CareTeamParticipantComponent relative = participant(team, world.relatedPerson());
		assertThat(relative.getPeriod().hasEnd()).isTrue();
		assertThat(relative.getPeriod().getEnd()).isBefore(new Date());
		assertThat(relative.getPeriod().getEnd().getTime())
				.isEqualTo(objection.getDateTime().getTime() / 1000 * 1000);
		// the plan may be stored again: its care team no longer has a current relative
		Response again = http().put("/fhir/CarePlan/" + Worlds.id(world.plan()), world.plan());
		assertThat(again.status()).as(again.body()).isEqualTo(200);
	}

	@Test
	void objectionNamingOtherRelativesLeavesThisOneInPlace() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS, Worlds::relativeTakesPart);
		RelatedPerson other = new RelatedPerson();
		other.setPatient(world.ref(world.patient()));
		other.addName().setFamily("Annan").addGiven("Person");
		String otherId = http().post("/fhir/RelatedPerson", other).createdId();
		Consent objection = Worlds.objection(world);
		objection.getProvision().addActor()
				.setRole(new org.hl7.fhir.r4.model.CodeableConcept(
						new org.hl7.fhir.r4.model.Coding(se.karta.support.Fixtures.cs("participant-role"), "relative", null)))
				.setReference(new Reference("RelatedPerson/" + otherId));

		Response response = http().post("/fhir/Consent", objection);

		assertThat(response.status()).as(response.body()).isEqualTo(201);
		CareTeam team = http().get("/fhir/CareTeam/" + Worlds.id(world.team())).resource(CareTeam.class);
		assertThat(participant(team, world.relatedPerson()).getPeriod().hasEnd()).isFalse();
	}

	@Test
	void objectionInTheSameTransactionAsACareTeamKeepingTheRelativeIsRejected() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS, Worlds::relativeTakesPart);
		org.hl7.fhir.r4.model.Bundle bundle = new org.hl7.fhir.r4.model.Bundle()
				.setType(org.hl7.fhir.r4.model.Bundle.BundleType.TRANSACTION);
		se.karta.support.Fixtures.add(bundle, Worlds.objection(world));
		CareTeam team = world.team();
		team.setName(team.getName() + " (ny)"); // a real change, not a no-op update
		bundle.addEntry().setResource(team).getRequest()
				.setMethod(org.hl7.fhir.r4.model.Bundle.HTTPVerb.PUT).setUrl("CareTeam/" + Worlds.id(team));

		Response response = http().post("/fhir", bundle);

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		assertThat(response.body()).contains("PLAN-RELATIVES");
	}

	private static CareTeam.CareTeamParticipantComponent participant(CareTeam team, RelatedPerson person) {
		return team.getParticipant().stream()
				.filter(p -> p.getMember().getReference().equals(Worlds.key(person)))
				.findFirst().orElseThrow();
	}
}
