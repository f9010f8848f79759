package se.karta.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Narrative;
import org.junit.jupiter.api.Test;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;
import se.karta.workflow.Worlds;

/** Every stored plan carries the generated Swedish narrative (CONTRACT section 5, "Narrative"). */
class PlanNarrativeApiTest extends KartaApiTest {

	@Test
	void planStoredInTransactionNamesItsInsatserAndWhoAnswers() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.LSS);
		CarePlan plan = world.plan();

		assertThat(plan.getText().getStatus()).isEqualTo(Narrative.NarrativeStatus.GENERATED);
		String div = plan.getText().getDivAsString();
		assertThat(div).contains("Personlig assistans 40 timmar i veckan", "Daglig verksamhet på Ateljé Gröna Lund",
				"Råd och stöd från habiliteringen");
		// urn:uuid: references were resolved through the transaction's entries
		assertThat(div).contains("Stockholms stad", "Region Stockholm", "Lina Andersson");
		assertThat(div).doesNotContain("urn:uuid:");
	}

	@Test
	void clientTextIsReplacedAndInsatsTextIsEscaped() {
		ExampleWorld world = Worlds.store(http(), ExampleWorld.SIP);
		CarePlan plan = world.plan();
		plan.getActivityFirstRep().getDetail().getCode().setText("<script>alert('x')</script> Hemtjänst");
		plan.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Klientens egen text</div>");

		Response response = http().put("/fhir/CarePlan/" + Worlds.id(plan), plan);
		assertThat(response.status()).as(response.body()).isEqualTo(200);

		CarePlan stored = http().get("/fhir/CarePlan/" + Worlds.id(plan)).resource(CarePlan.class);
		String div = stored.getText().getDivAsString();
		assertThat(div).doesNotContain("Klientens egen text", "<script");
		assertThat(div).contains("&lt;script&gt;", "Hemtjänst");
		// stored references are resolved through the DAOs
		assertThat(div).contains(world.organization("kommun").getName(), world.organization("region").getName());
	}
}
