package se.karta.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.karta.support.ExampleWorld;
import se.karta.support.FhirHttp;
import se.karta.support.FhirHttp.Response;
import se.karta.support.Fixtures;
import se.karta.support.KartaApiTest;
import se.karta.support.TestTokens;
import se.karta.workflow.Worlds;

/**
 * The audit trail over HTTP: what is recorded for writes, reads and searches (once per access, naming
 * the person and the organisation), nothing for a rejected transaction, how it is searched and paged,
 * and that nobody can write it.
 */
class AuditTrailApiTest extends KartaApiTest {

	static final String HSA_REGION = "urn:oid:1.2.752.29.4.19|" + Fixtures.REGION_HSA;

	@Autowired
	AuditRecorder audit;

	ExampleWorld sip;
	String plan;
	String patient;
	String organization;

	@BeforeEach
	void world() {
		sip = Worlds.store(http(), ExampleWorld.SIP);
		plan = "CarePlan/" + sip.plan().getIdElement().getIdPart();
		patient = "Patient/" + sip.patient().getIdElement().getIdPart();
		organization = "Organization/" + sip.organization("region").getIdElement().getIdPart();
	}

	Bundle events(String query) {
		audit.flush();
		Response found = http().get("/fhir/AuditEvent?" + query);
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		return found.bundle();
	}

	static List<AuditEvent> auditEvents(Bundle bundle) {
		return bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
	}

	static List<String> patientsOf(AuditEvent event) {
		return event.getEntity().stream()
				.filter(e -> "1".equals(e.getRole().getCode()))
				.map(e -> e.getWhat().getReference())
				.toList();
	}

	@Test
	void aStoredTransactionIsAuditedOncePerResourceAndOnlyPersonsArePatients() {
		Bundle created = events("patient=" + patient + "&action=C&_count=50");
		assertThat(created.getTotal()).as("Patient, CareTeam, Consent, Goal, CarePlan of the person").isEqualTo(5);
		assertThat(auditEvents(created)).allSatisfy(event -> assertThat(patientsOf(event)).containsExactly(patient));

		Bundle planCreated = events("entity=" + plan + "&action=C");
		assertThat(planCreated.getTotal()).isEqualTo(1);
		assertThat(patientsOf(auditEvents(planCreated).get(0)))
				.as("the organisations performing insatser are not the person whose data it is")
				.containsExactly(patient);

		Bundle organizationCreated = events("entity=" + organization + "&action=C");
		assertThat(organizationCreated.getTotal()).isEqualTo(1);
		assertThat(patientsOf(auditEvents(organizationCreated).get(0))).isEmpty();
	}

	@Test
	void aRejectedTransactionLeavesNoTraceOfAStoredResource() {
		Bundle rejected = ExampleWorld.transaction(ExampleWorld.SIP);
		rejected.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(Patient.class::isInstance).map(Patient.class::cast)
				.forEach(p -> p.getName().clear());
		audit.flush();
		Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Response answer = http().post("/fhir", rejected);
		assertThat(answer.status()).as(answer.body()).isEqualTo(422);
		Instant after = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);

		assertThat(events("action=C&date=ge" + before + "&date=le" + after + "&_summary=count").getTotal())
				.as("creates that were rolled back are not audited as creates").isZero();
	}

	@Test
	void aReadAndASearchAreAuditedOnceWithTheOrganisationAndThePerson() {
		FhirHttp region = http().withToken(TestTokens.staff(Fixtures.REGION_HSA, "user/*.read user/*.write"));
		assertThat(region.get("/fhir/" + plan).status()).isEqualTo(200);
		Response search = region.get("/fhir/CarePlan?patient=" + patient + "&_include=CarePlan:care-team");
		assertThat(search.bundle().getEntry()).hasSize(2);

		Bundle read = events("entity=" + plan + "&action=R&agent:identifier=" + HSA_REGION);
		assertThat(read.getTotal()).isEqualTo(1);
		assertThat(patientsOf(auditEvents(read).get(0))).containsExactly(patient);

		// the code alone finds the organisation's HSA-id too; a wrong system does not
		assertThat(events("entity=" + plan + "&action=R&agent:identifier=" + Fixtures.REGION_HSA).getTotal())
				.isEqualTo(1);
		assertThat(events("entity=" + plan + "&action=R&agent:identifier=urn:oid:0|" + Fixtures.REGION_HSA)
				.getTotal()).isZero();

		Bundle searched = events("patient=" + patient + "&subtype=search-type&agent:identifier=" + HSA_REGION);
		assertThat(searched.getTotal())
				.as("one AuditEvent for the search, not one per organisation named in the plan").isEqualTo(1);
	}

	@Test
	void newestFirstPagedByOffsetAndSortableByDate() {
		int before = events("entity=" + plan + "&_summary=count").getTotal();
		for (int i = 0; i < 3; i++) {
			assertThat(http().get("/fhir/" + plan).status()).isEqualTo(200);
		}
		Bundle page = events("entity=" + plan + "&_count=2");
		assertThat(page.getTotal()).isEqualTo(before + 3);
		assertThat(page.getLink(Bundle.LINK_NEXT).getUrl()).contains("_offset=2");
		List<AuditEvent> all = new java.util.ArrayList<>(auditEvents(page));
		while (page.getLink(Bundle.LINK_NEXT) != null) {
			assertThat(page.getEntry()).hasSize(2);
			String next = page.getLink(Bundle.LINK_NEXT).getUrl();
			page = http().get(next.substring(next.indexOf("/fhir/"))).bundle();
			all.addAll(auditEvents(page));
		}
		assertThat(all).hasSize(before + 3);
		assertThat(all).extracting(AuditEvent::getId).doesNotHaveDuplicates();
		assertThat(all).extracting(AuditEvent::getRecorded).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(all.get(all.size() - 1).getAction()).as("the create is the oldest").isEqualTo(AuditEvent.AuditEventAction.C);

		Bundle oldestFirst = events("entity=" + plan + "&_sort=date");
		assertThat(auditEvents(oldestFirst).get(0).getAction()).isEqualTo(AuditEvent.AuditEventAction.C);

		String soon = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS).toString();
		assertThat(events("entity=" + plan + "&date=gt" + soon).getTotal()).isZero();
		assertThat(events("entity=" + plan + "&date=le" + soon).getTotal()).isEqualTo(before + 3);
	}

	@Test
	void anEventIsReadByIdAsVersionOne() {
		AuditEvent event = auditEvents(events("entity=" + plan + "&action=C")).get(0);
		String id = event.getIdElement().getIdPart();

		Response read = http().get("/fhir/AuditEvent/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.resource(AuditEvent.class).getMeta().getVersionId()).isEqualTo("1");
		assertThat(read.header("ETag")).isEqualTo("W/\"1\"");
		assertThat(http().get("/fhir/AuditEvent/" + id + "/_history/1").status()).isEqualTo(200);
		assertThat(http().get("/fhir/AuditEvent/" + id + "/_history/2").status()).isEqualTo(404);
		assertThat(http().get("/fhir/AuditEvent?_id=" + id).bundle().getTotal()).isEqualTo(1);

		Response unknown = http().get("/fhir/AuditEvent/no-such-event");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.outcome().getIssueFirstRep().getDetails().getText()).contains("finns inte");
	}

	@Test
	void aSearchTheTrailCannotAnswerIsA400SayingWhy() {
		assertThat(http().get("/fhir/AuditEvent?agent-name=x").status()).isEqualTo(400);
		Response untyped = http().get("/fhir/AuditEvent?entity=123");
		assertThat(untyped.status()).isEqualTo(400);
		assertThat(untyped.outcome().getIssueFirstRep().getDiagnostics()).contains("Type/id");
		assertThat(untyped.outcome().getIssueFirstRep().getDetails().getText()).contains("Typ/id");
		assertThat(http().get("/fhir/AuditEvent?_sort=outcome").status()).isEqualTo(400);
		assertThat(http().get("/fhir/AuditEvent?outcome:not=0").status()).isEqualTo(400);
	}

	@Test
	void nobodyWritesTheTrailAndTryingIsAudited() {
		AuditEvent event = auditEvents(events("entity=" + plan + "&action=C")).get(0);
		String id = event.getIdElement().getIdPart();
		int refusedBefore = events("outcome=4&_summary=count").getTotal();

		List<Response> attempts = List.of(
				http().post("/fhir/AuditEvent", event),
				http().put("/fhir/AuditEvent/" + id, event),
				http().delete("/fhir/AuditEvent/" + id),
				http().patch("/fhir/AuditEvent/" + id, "[{\"op\":\"replace\",\"path\":\"/outcome\",\"value\":\"4\"}]",
						"application/json-patch+json"));
		assertThat(attempts).allSatisfy(attempt -> {
			assertThat(attempt.status()).as(attempt.body()).isEqualTo(405);
			assertThat(attempt.outcome().getIssueFirstRep().getDetails().getText()).contains("Granskningsloggen");
		});

		Bundle smuggled = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		event.setId((String) null);
		event.setOutcomeDesc("smuggled");
		smuggled.addEntry().setResource(event).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("AuditEvent");
		Response transaction = http().post("/fhir", smuggled);
		assertThat(transaction.status()).as(transaction.body()).isEqualTo(405);

		assertThat(events("outcome=4&_summary=count").getTotal()).as("each attempt audited as refused")
				.isEqualTo(refusedBefore + attempts.size() + 1);
		assertThat(http().get("/fhir/AuditEvent/" + id).resource(AuditEvent.class).getOutcome())
				.isEqualTo(AuditEvent.AuditEventOutcome._0);
	}

	@Test
	void theCapabilityStatementDescribesTheTrailAsItIs() {
		CapabilityStatement capabilities = http().get("/fhir/metadata").resource(CapabilityStatement.class);
		CapabilityStatement.CapabilityStatementRestResourceComponent auditEvent = capabilities.getRestFirstRep()
				.getResource().stream().filter(r -> "AuditEvent".equals(r.getType())).findFirst().orElseThrow();
		assertThat(auditEvent.getInteraction()).extracting(i -> i.getCode().toCode())
				.containsExactlyInAnyOrder("read", "vread", "search-type");
		Map<String, String> params = auditEvent.getSearchParam().stream().collect(Collectors.toMap(
				CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName, p -> p.getType().toCode()));
		assertThat(params).containsOnlyKeys("_id", "date", "entity", "agent", "patient", "outcome", "action", "type",
				"subtype");
		assertThat(params).containsEntry("entity", "reference").containsEntry("date", "date");
		assertThat(auditEvent.hasConditionalDelete()).isFalse();
	}
}
