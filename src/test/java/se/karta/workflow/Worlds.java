package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp;
import se.karta.support.FhirHttp.Response;
import se.karta.support.Fixtures;

/** Example worlds stored over HTTP, and the Tasks the server made for them. */
public final class Worlds {

	public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

	private Worlds() {}

	/** Stores an example world (changed by {@code change} first) in one transaction; the world as stored. */
	public static ExampleWorld store(FhirHttp http, String example, Consumer<ExampleWorld> change) {
		Bundle bundle = ExampleWorld.transaction(example);
		ExampleWorld world = ExampleWorld.inTransaction(bundle);
		change.accept(world);
		world.added().forEach(resource -> Fixtures.add(bundle, resource));
		Response response = http.post("/fhir", bundle);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return ExampleWorld.stored(http, response.bundle());
	}

	public static ExampleWorld store(FhirHttp http, String example) {
		return store(http, example, w -> {});
	}

	/** Tasks of one type whose focus is {@code focus} ({@code Type/id}). */
	public static List<Task> tasks(FhirHttp http, String taskType, String focus) {
		Response response = http.get("/fhir/Task?code=" + Fixtures.cs("task-type") + "|" + taskType
				+ "&focus=" + focus + "&_count=100");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.bundle().getEntry().stream().map(e -> (Task) e.getResource()).toList();
	}

	public static String key(Resource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	public static String id(Resource resource) {
		return resource.getIdElement().getIdPart();
	}

	public static LocalDate today() {
		return LocalDate.now(SWEDEN);
	}

	/** Sets the plan's {@code review} extension. */
	public static void review(CarePlan plan, LocalDate lastReviewed, LocalDate nextReview) {
		Extension review = plan.getExtensionByUrl(Fixtures.ext("review"));
		review.getExtension().clear();
		if (lastReviewed != null) {
			review.addExtension("lastReviewed", new DateType(lastReviewed.toString()));
		}
		review.addExtension("nextReview", new DateType(nextReview.toString()));
	}

	/** An active objection to relatives taking part (all relatives), given a minute ago. */
	public static Consent objection(ExampleWorld w) {
		return Fixtures.relativeObjection(w);
	}

	/** Makes the example's RelatedPerson a {@code relative} in the care team. */
	public static void relativeTakesPart(ExampleWorld w) {
		String member = w.ref(w.relatedPerson()).getReference();
		w.team().getParticipant().stream()
				.filter(p -> p.getMember().getReference().equals(member))
				.forEach(p -> p.setRole(List.of(Fixtures.role("relative"))));
	}
}
