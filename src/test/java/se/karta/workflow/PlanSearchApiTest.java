package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/** The custom search parameters of CONTRACT section 6 return exactly the matching plans. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanSearchApiTest extends KartaApiTest {

	private ExampleWorld lssSoon;
	private ExampleWorld lssLater;
	private ExampleWorld sip;
	private String ids;

	@BeforeAll
	void threePlans() {
		lssSoon = Worlds.store(http(), ExampleWorld.LSS, w -> Worlds.review(w.plan(), LocalDate.parse("2026-03-01"),
				LocalDate.parse("2026-12-15")));
		lssLater = Worlds.store(http(), ExampleWorld.LSS, w -> Worlds.review(w.plan(), LocalDate.parse("2026-03-01"),
				LocalDate.parse("2027-02-15")));
		sip = Worlds.store(http(), ExampleWorld.SIP);
		ids = String.join(",", Worlds.id(lssSoon.plan()), Worlds.id(lssLater.plan()), Worlds.id(sip.plan()));
	}

	@Test
	void overallResponsibility() {
		// each stored example has its own organisations
		assertThat(plans("overall-responsibility=" + Worlds.key(lssSoon.organization("kommun"))))
				.containsExactly(Worlds.key(lssSoon.plan()));
		assertThat(plans("overall-responsibility=" + Worlds.key(lssSoon.organization("region")))).isEmpty();
	}

	@Test
	void reviewDue() {
		assertThat(plans("review-due=le2027-01-01&_id=" + ids)).containsExactly(Worlds.key(lssSoon.plan()));
		assertThat(plans("review-due=ge2027-01-01&_id=" + ids)).containsExactly(Worlds.key(lssLater.plan()));
	}

	@Test
	void legalBasis() {
		assertThat(plans("legal-basis=https://fhir.karta.se/CodeSystem/legal-basis|lss-10&_id=" + ids))
				.containsExactlyInAnyOrder(Worlds.key(lssSoon.plan()), Worlds.key(lssLater.plan()));
		assertThat(plans("legal-basis=https://fhir.karta.se/CodeSystem/legal-basis|hsl-16-4&_id=" + ids))
				.containsExactly(Worlds.key(sip.plan()));
	}

	@Test
	void activityPerformer() {
		// in the LSS example the region answers for one insats, the kommun for the others
		assertThat(plans("activity-performer=" + Worlds.key(lssLater.organization("region"))))
				.containsExactly(Worlds.key(lssLater.plan()));
		assertThat(plans("activity-performer=" + Worlds.key(sip.organization("kommun"))))
				.containsExactly(Worlds.key(sip.plan()));
		assertThat(plans("activity-performer=" + Worlds.key(sip.organization("state-agency")) + "&_id=" + ids))
				.allMatch(p -> p.equals(Worlds.key(sip.plan())));
	}

	@Test
	void revincludeTaskFocus() {
		Response response = http().get("/fhir/CarePlan?_id=" + Worlds.id(lssSoon.plan()) + "&_revinclude=Task:focus");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Bundle bundle = response.bundle();
		List<String> plans = bundle.getEntry().stream().filter(e -> e.getResource() instanceof CarePlan)
				.map(e -> Worlds.key(e.getResource())).toList();
		List<Task> tasks = bundle.getEntry().stream().filter(e -> e.getResource() instanceof Task)
				.map(e -> (Task) e.getResource()).toList();
		assertThat(plans).containsExactly(Worlds.key(lssSoon.plan()));
		assertThat(tasks).isNotEmpty().allSatisfy(t -> assertThat(t.getFocus().getReference())
				.isEqualTo(Worlds.key(lssSoon.plan())));
		assertThat(tasks).anySatisfy(t -> assertThat(t.getCode().getCodingFirstRep().getCode()).isEqualTo("ip-notification"));
	}

	private List<String> plans(String query) {
		Response response = http().get("/fhir/CarePlan?" + query + "&_count=100");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.bundle().getEntry().stream().map(e -> Worlds.key(e.getResource())).toList();
	}
}
