package se.karta.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp;
import se.karta.support.FhirHttp.Response;
import se.karta.support.Fixtures;
import se.karta.support.KartaApiTest;

/**
 * Every legal rule of CONTRACT section 4 over HTTP, both ways: the example worlds pass; one mutation
 * per rule fails with exactly that rule id, inside a transaction (and then nothing is stored) and as
 * single writes against a stored world.
 */
class LegalRulesApiTest extends KartaApiTest {

	private static final String RULE_SYSTEM = "https://fhir.karta.se/CodeSystem/rule";
	private static final List<String> COUNTED = List.of(
			"Patient", "Organization", "CareTeam", "Consent", "CarePlan", "Task", "Goal", "RelatedPerson");

	/** One rule, the example world it starts from, and the mutation that breaks it. */
	record Breach(String ruleId, String example, Consumer<ExampleWorld> mutation) {
		@Override
		public String toString() {
			return ruleId;
		}
	}

	static Stream<Arguments> breaches() {
		return Stream.of(
				new Breach("SIP-CONSENT", ExampleWorld.SIP, w -> w.plan().getSupportingInfo().clear()),
				new Breach("SIP-PRINCIPALS", ExampleWorld.SIP, w -> demoteOtherPrincipal(w)),
				new Breach("SIP-CONSENT-WITHDRAWN", ExampleWorld.SIP,
						w -> w.consent().setStatus(Consent.ConsentState.INACTIVE)),
				new Breach("SIP-DUTY-TO-PARTICIPATE", ExampleWorld.SIP, w -> {
					Task task = Fixtures.planningRequest(w.ref(w.patient()), w.ref(w.organization("region")),
							w.ref(w.organization("kommun")));
					task.setStatus(Task.TaskStatus.REJECTED);
					w.add(task);
				}),
				new Breach("PLAN-CONTENT", ExampleWorld.SIP, w -> w.plan().getActivityFirstRep().getDetail()
						.addPerformer(w.ref(w.organization("kommun")))),
				new Breach("PLAN-OVERALL-RESPONSIBILITY", ExampleWorld.SIP,
						w -> w.plan().getExtensionByUrl(Fixtures.ext("overall-responsibility"))
								.setValue(w.ref(w.organization("state-agency")))),
				new Breach("PLAN-PARTICIPATION", ExampleWorld.SIP,
						w -> removeExtension(w.plan(), Fixtures.ext("patient-participation"))),
				new Breach("PLAN-SUBJECT", ExampleWorld.SIP, w -> w.team().setSubject(new Reference(otherPatient))),
				new Breach("PLAN-RELATIVES", ExampleWorld.LSS, w -> {
					w.team().getParticipant().stream()
							.filter(p -> p.getMember().getReference().equals(w.ref(w.relatedPerson()).getReference()))
							.forEach(p -> p.setRole(List.of(Fixtures.role("relative"))));
					w.add(Fixtures.relativeObjection(w));
				}),
				new Breach("LSS-PERSONKRETS", ExampleWorld.LSS,
						w -> removeExtension(w.plan(), Fixtures.ext("lss-personkrets"))),
				new Breach("LSS-DECISION", ExampleWorld.LSS,
						w -> removeExtension(w.plan().getActivityFirstRep().getDetail(), Fixtures.ext("insats-decision"))),
				new Breach("LSS-ANNUAL-REVIEW", ExampleWorld.LSS,
						w -> w.plan().getExtensionByUrl(Fixtures.ext("review")).getExtensionByUrl("nextReview")
								.setValue(new DateType("2099-01-01"))),
				new Breach("LSS-PRINCIPALS", ExampleWorld.LSS, w -> demoteOtherPrincipal(w)),
				new Breach("ID-PERSONNUMMER", ExampleWorld.SIP,
						w -> w.patient().getIdentifierFirstRep().setValue("191212121213")),
				new Breach("ID-HSA", ExampleWorld.SIP, w -> hsaIdentifier(w).setValue("SE2321000017-TST1")))
				.map(Arguments::of);
	}

	/** A second person, for plans and care teams that name different people. */
	private static volatile String otherPatient;

	@org.junit.jupiter.api.BeforeEach
	void secondPerson() {
		if (otherPatient == null) {
			otherPatient = "Patient/" + http().post("/fhir/Patient", Fixtures.patient("200001012384", "Annan")).createdId();
		}
	}

	@Test
	void exampleWorldsAreAccepted() {
		for (String example : List.of(ExampleWorld.SIP, ExampleWorld.LSS)) {
			Response response = http().post("/fhir", ExampleWorld.transaction(example));
			assertThat(response.status()).as(example + ": " + response.body()).isEqualTo(200);
			ExampleWorld stored = ExampleWorld.stored(http(), response.bundle());
			CarePlan plan = stored.plan();
			Response again = http().put("/fhir/CarePlan/" + plan.getIdElement().getIdPart(), plan);
			assertThat(again.status()).as(again.body()).isEqualTo(200);
		}
	}

	@ParameterizedTest(name = "{0} in a transaction")
	@MethodSource("breaches")
	void breachInTransactionIsRejectedAndStoresNothing(Breach breach) {
		Bundle bundle = ExampleWorld.transaction(breach.example());
		ExampleWorld world = ExampleWorld.inTransaction(bundle);
		breach.mutation().accept(world);
		world.added().forEach(resource -> Fixtures.add(bundle, resource));
		Map<String, Integer> before = counts();

		Response response = http().post("/fhir", bundle);

		assertRejectedWith(response, breach.ruleId());
		assertThat(counts()).as("nothing of a rejected transaction is stored").isEqualTo(before);
	}

	@ParameterizedTest(name = "{0} as a single write")
	@MethodSource("breaches")
	void breachAsSingleWriteIsRejected(Breach breach) {
		Response stored = http().post("/fhir", ExampleWorld.transaction(breach.example()));
		assertThat(stored.status()).as(stored.body()).isEqualTo(200);
		ExampleWorld world = ExampleWorld.stored(http(), stored.bundle());
		Map<Resource, String> original = world.snapshot();
		breach.mutation().accept(world);

		List<Resource> changed = new ArrayList<>();
		world.resources().stream().filter(r -> !FhirHttp.encode(r).equals(original.get(r))).forEach(changed::add);
		changed.addAll(world.added());
		assertThat(changed).isNotEmpty();
		// Everything but the last change is an allowed step (a withdrawal, an objection); the last breaks the rule.
		Resource breaking = changed.remove(changed.size() - 1);
		if (breaking instanceof Consent && !changed.isEmpty()) {
			changed.add(0, breaking);
			breaking = changed.remove(changed.size() - 1);
		}
		for (Resource step : changed) {
			Response accepted = write(step);
			assertThat(accepted.status()).as(step.fhirType() + " " + accepted.body()).isBetween(200, 201);
		}
		if (breach.ruleId().equals("SIP-CONSENT-WITHDRAWN")) {
			// the withdrawal itself is stored; the plan that still claims to be active is then held
			assertThat(write(breaking).status()).isEqualTo(200);
			breaking = http().get("/fhir/CarePlan/" + world.plan().getIdElement().getIdPart()).resource();
		}
		assertRejectedWith(write(breaking), breach.ruleId());
	}

	@Test
	void draftSipWithoutConsentOrActivitiesIsAccepted() {
		Bundle bundle = ExampleWorld.transaction(ExampleWorld.SIP);
		ExampleWorld world = ExampleWorld.inTransaction(bundle);
		CarePlan plan = world.plan();
		plan.setStatus(CarePlan.CarePlanStatus.DRAFT);
		plan.getSupportingInfo().clear();
		plan.getActivity().clear();
		removeExtension(plan, Fixtures.ext("patient-participation"));
		bundle.getEntry().removeIf(e -> e.getResource() instanceof Consent);
		Response response = http().post("/fhir", bundle);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void oneRejectionNamesEveryFailingRuleAndProfileElement() {
		Bundle bundle = ExampleWorld.transaction(ExampleWorld.SIP);
		ExampleWorld world = ExampleWorld.inTransaction(bundle);
		world.plan().getSupportingInfo().clear();
		removeExtension(world.plan(), Fixtures.ext("patient-participation"));
		world.plan().setIntent(CarePlan.CarePlanIntent.PROPOSAL);
		world.patient().getIdentifierFirstRep().setValue("191212121213");

		Response response = http().post("/fhir", bundle);

		assertThat(response.status()).isEqualTo(422);
		OperationOutcome outcome = response.outcome();
		assertThat(ruleIds(outcome)).containsExactlyInAnyOrder("SIP-CONSENT", "PLAN-PARTICIPATION", "ID-PERSONNUMMER");
		assertThat(outcome.getIssue()).anySatisfy(issue -> {
			assertThat(issue.getDetails().getCoding()).isEmpty();
			assertThat(issue.getExpression().toString()).contains("CarePlan.intent");
		});
		int planEntry = entryIndex(bundle, world.plan());
		int patientEntry = entryIndex(bundle, world.patient());
		assertThat(outcome.getIssue()).as("each finding names its entry").allSatisfy(issue ->
				assertThat(issue.getDiagnostics()).containsPattern("^Bundle\\.entry\\[\\d+\\] \\("));
		assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getDiagnostics())
				.startsWith("Bundle.entry[" + planEntry + "] (CarePlan)"));
		assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(issue.getDiagnostics())
				.startsWith("Bundle.entry[" + patientEntry + "] (Patient)"));
	}

	@Test
	void profileFindingsComeFirstInEntryOrderThenTheRuleFindings() {
		Bundle bundle = ExampleWorld.transaction(ExampleWorld.SIP);
		ExampleWorld world = ExampleWorld.inTransaction(bundle);
		world.patient().getName().clear();
		world.plan().setIntent(CarePlan.CarePlanIntent.PROPOSAL);
		world.plan().getSupportingInfo().clear();

		Response response = http().post("/fhir", bundle);

		assertThat(response.status()).isEqualTo(422);
		List<OperationOutcome.OperationOutcomeIssueComponent> issues = response.outcome().getIssue();
		int firstRule = 0;
		while (firstRule < issues.size() && issues.get(firstRule).getDetails().getCoding().isEmpty()) {
			firstRule++;
		}
		List<Integer> profileEntries = issues.subList(0, firstRule).stream()
				.map(issue -> Integer.valueOf(issue.getDiagnostics().replaceAll("^Bundle\\.entry\\[(\\d+)\\].*$", "$1")))
				.toList();
		assertThat(profileEntries).contains(entryIndex(bundle, world.patient()), entryIndex(bundle, world.plan()));
		assertThat(profileEntries).isSorted();
		assertThat(issues.subList(firstRule, issues.size())).isNotEmpty()
				.allSatisfy(issue -> assertThat(issue.getDetails().getCoding()).isNotEmpty());
	}

	private static int entryIndex(Bundle bundle, Resource resource) {
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			if (bundle.getEntry().get(i).getResource() == resource) {
				return i;
			}
		}
		throw new AssertionError("not in the bundle: " + resource.fhirType());
	}

	@Test
	void validateReportsRulesWithoutStoring() {
		Response stored = http().post("/fhir", ExampleWorld.transaction(ExampleWorld.SIP));
		ExampleWorld world = ExampleWorld.stored(http(), stored.bundle());
		CarePlan plan = world.plan();
		plan.getSupportingInfo().clear();
		plan.setId((String) null);
		Parameters parameters = new Parameters();
		parameters.addParameter().setName("resource").setResource(plan);
		int plansBefore = counts().get("CarePlan");

		Response response = http().post("/fhir/CarePlan/$validate", parameters);

		OperationOutcome outcome = response.outcome();
		assertThat(ruleIds(outcome)).as(response.body()).containsExactly("SIP-CONSENT");
		OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssue().stream()
				.filter(i -> i.getCode() == OperationOutcome.IssueType.BUSINESSRULE).findFirst().orElseThrow();
		assertThat(issue.getDetails().getText()).isNotBlank();
		assertThat(issue.getDiagnostics()).isNotBlank().isNotEqualTo(issue.getDetails().getText());
		assertThat(counts().get("CarePlan")).isEqualTo(plansBefore);

		world.plan().addSupportingInfo(world.ref(world.consent()));
		Parameters valid = new Parameters();
		valid.addParameter().setName("resource").setResource(world.plan());
		assertThat(ruleIds(http().post("/fhir/CarePlan/$validate", valid).outcome())).isEmpty();
	}

	private Response write(Resource resource) {
		if (resource.getIdElement().hasIdPart()) {
			return http().put("/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
		}
		return http().post("/fhir/" + resource.fhirType(), resource);
	}

	private static void assertRejectedWith(Response response, String ruleId) {
		assertThat(response.status()).as(response.body()).isEqualTo(422);
		OperationOutcome outcome = response.outcome();
		assertThat(ruleIds(outcome)).as(response.body()).containsOnly(ruleId);
		outcome.getIssue().stream().filter(i -> ruleId.equals(code(i))).forEach(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.BUSINESSRULE);
			assertThat(issue.getDetails().getText()).isNotBlank();
			assertThat(issue.getDiagnostics()).isNotBlank();
			assertThat(issue.getExpression()).isNotEmpty();
		});
	}

	static Set<String> ruleIds(OperationOutcome outcome) {
		return outcome.getIssue().stream().map(LegalRulesApiTest::code).filter(c -> c != null).collect(Collectors.toSet());
	}

	private static String code(OperationOutcome.OperationOutcomeIssueComponent issue) {
		return issue.getDetails().getCoding().stream().filter(c -> RULE_SYSTEM.equals(c.getSystem()))
				.map(Coding::getCode).findFirst().orElse(null);
	}

	private Map<String, Integer> counts() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String type : COUNTED) {
			counts.put(type, http().get("/fhir/" + type + "?_summary=count").bundle().getTotal());
		}
		return counts;
	}

	/**
	 * The principal without overall responsibility stays in the care team, but no longer as a
	 * principal, so only the region-and-kommun rule breaks.
	 */
	private static void demoteOtherPrincipal(ExampleWorld w) {
		String responsible = ((Reference) w.plan().getExtensionByUrl(Fixtures.ext("overall-responsibility")).getValue())
				.getReference();
		String reference = Stream.of(w.organization("region"), w.organization("kommun"))
				.map(o -> w.ref(o).getReference())
				.filter(r -> !r.equals(responsible))
				.findFirst()
				.orElseThrow();
		w.team().getParticipant().stream()
				.filter(p -> reference.equals(p.getMember().getReference()))
				.forEach(p -> p.setRole(List.of(Fixtures.role("other-actor"))));
	}

	private static Identifier hsaIdentifier(ExampleWorld w) {
		return w.organization("region").getIdentifier().stream()
				.filter(i -> Fixtures.HSA.equals(i.getSystem())).findFirst().orElseThrow();
	}

	private static void removeExtension(org.hl7.fhir.r4.model.Element element, String url) {
		element.getExtension().removeIf(e -> url.equals(e.getUrl()));
	}

	private static void removeExtension(org.hl7.fhir.r4.model.DomainResource resource, String url) {
		resource.getExtension().removeIf(e -> url.equals(e.getUrl()));
	}

	static Extension extension(Resource resource, String id) {
		return ((org.hl7.fhir.r4.model.DomainResource) resource).getExtensionByUrl(Fixtures.ext(id));
	}
}
