package se.karta.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import se.karta.support.Fixtures;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/** The FHIR REST basics every client relies on, over HTTP, on H2 and on PostgreSQL. */
class FhirServerApiTest extends KartaApiTest {

	@Test
	void capabilityStatementNamesKarta() {
		Response response = http().get("/fhir/metadata");
		assertThat(response.status()).isEqualTo(200);
		CapabilityStatement capability = response.resource(CapabilityStatement.class);
		assertThat(capability.getSoftware().getName()).isEqualTo("Karta");
		assertThat(capability.getSoftware().getVersion()).isNotBlank();
		assertThat(capability.getFhirVersion().toCode()).isEqualTo("4.0.1");
	}

	@Test
	void storesTheResourceTypesOfItsDomainAndSaysSo() {
		CapabilityStatement capability = http().get("/fhir/metadata").resource(CapabilityStatement.class);
		java.util.Set<String> listed = capability.getRestFirstRep().getResource().stream()
				.map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
				.collect(java.util.stream.Collectors.toSet());
		java.util.Set<String> expected = new java.util.HashSet<>(StoredResourceTypes.KARTA_TYPES);
		expected.add("AuditEvent");
		assertThat(listed).isEqualTo(expected);

		Response other = http().get("/fhir/Observation");
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.outcome().getIssueFirstRep().getDiagnostics()).contains("Observation");
		Response inTransaction = http().post("/fhir", new Bundle().setType(Bundle.BundleType.TRANSACTION)
				.addEntry(new Bundle.BundleEntryComponent().setResource(new org.hl7.fhir.r4.model.Observation()
						.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL))
						.setRequest(new Bundle.BundleEntryRequestComponent().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation"))));
		assertThat(inTransaction.status()).as(inTransaction.body()).isIn(400, 404);
	}

	@Test
	void createReadUpdateHistoryDeleteOfPatient() {
		Response created = http().post("/fhir/Patient", Fixtures.patient("191212121212", "Crud"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("ETag")).isEqualTo("W/\"1\"");
		String id = created.createdId();

		Response read = http().get("/fhir/Patient/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("W/\"1\"");
		Patient patient = read.resource(Patient.class);
		assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Crud");

		patient.getNameFirstRep().setFamily("Crud-Ändrad");
		Response updated = http().put("/fhir/Patient/" + id, patient);
		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.header("ETag")).isEqualTo("W/\"2\"");

		Bundle history = http().get("/fhir/Patient/" + id + "/_history").bundle();
		assertThat(history.getEntry()).hasSize(2);
		assertThat(http().get("/fhir/Patient/" + id + "/_history/1").resource(Patient.class)
						.getNameFirstRep().getFamily())
				.isEqualTo("Crud");

		assertThat(http().delete("/fhir/Patient/" + id).status()).isEqualTo(200);
		assertThat(http().get("/fhir/Patient/" + id).status()).isEqualTo(410);
	}

	@Test
	void staleIfMatchIsPreconditionFailed() {
		String id = http().post("/fhir/Organization", Fixtures.region()).createdId();
		Organization organization = http().get("/fhir/Organization/" + id).resource(Organization.class);
		organization.setName("Region Stockholm (ny)");
		String body = se.karta.support.FhirHttp.encode(organization);

		Response first = http().put("/fhir/Organization/" + id, body, Map.of("If-Match", "W/\"1\""));
		assertThat(first.status()).isEqualTo(200);
		Response stale = http().put("/fhir/Organization/" + id, body, Map.of("If-Match", "W/\"1\""));
		assertThat(stale.status()).isEqualTo(412);
		OperationOutcome outcome = stale.outcome();
		assertThat(outcome.getIssueFirstRep().getDetails().getText()).contains("If-Match");
		assertThat(http().get("/fhir/Organization/" + id).header("ETag")).isEqualTo("W/\"2\"");
	}

	@Test
	void concurrentUpdatesWithoutIfMatchAllLand() throws Exception {
		String id = http().post("/fhir/Patient", Fixtures.patient("191212121212", "Samtidig")).createdId();
		int writers = 4;
		int rounds = 8;
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
		try {
			java.util.List<java.util.concurrent.Future<java.util.List<Integer>>> statuses = new java.util.ArrayList<>();
			for (int w = 0; w < writers; w++) {
				int writer = w;
				statuses.add(pool.submit(() -> {
					java.util.List<Integer> mine = new java.util.ArrayList<>();
					for (int r = 0; r < rounds; r++) {
						Patient patient = Fixtures.patient("191212121212", "Samtidig-" + writer + "-" + r);
						patient.setId(id);
						mine.add(http().put("/fhir/Patient/" + id, patient).status());
					}
					return mine;
				}));
			}
			for (java.util.concurrent.Future<java.util.List<Integer>> writer : statuses) {
				assertThat(writer.get()).as("no write fails on a collision it did not ask about").containsOnly(200);
			}
		} finally {
			pool.shutdownNow();
		}
		assertThat(http().get("/fhir/Patient/" + id).header("ETag"))
				.isEqualTo("W/\"" + (1 + writers * rounds) + "\"");
	}

	@Test
	void transactionResolvesUrnUuidReferences() {
		Bundle transaction = Fixtures.sipTransaction("191212121212");
		Response response = http().post("/fhir", transaction);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Bundle result = response.bundle();
		assertThat(result.getEntry()).hasSize(6);
		result.getEntry().forEach(entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));

		String planLocation = result.getEntry().get(5).getResponse().getLocation();
		CarePlan plan = http().get("/fhir/" + planLocation).resource(CarePlan.class);
		String patientId = plan.getSubject().getReferenceElement().getIdPart();
		assertThat(plan.getSubject().getReference()).startsWith("Patient/").doesNotContain("urn:uuid");
		assertThat(plan.getCareTeamFirstRep().getReference()).startsWith("CareTeam/");
		assertThat(plan.getSupportingInfoFirstRep().getReference()).startsWith("Consent/");

		CareTeam team = http().get("/fhir/" + plan.getCareTeamFirstRep().getReference()).resource(CareTeam.class);
		assertThat(team.getSubject().getReferenceElement().getIdPart()).isEqualTo(patientId);

		Bundle search = http().get("/fhir/CarePlan?subject=Patient/" + patientId + "&_include=CarePlan:care-team").bundle();
		assertThat(search.getEntry()).extracting(e -> e.getResource().fhirType())
				.containsExactlyInAnyOrder("CarePlan", "CareTeam");
	}

	@Test
	void searchesByStandardParameters() {
		Bundle result = http().post("/fhir", Fixtures.sipTransaction("191212121212")).bundle();
		String patient = result.getEntry().get(0).getResponse().getLocation().replaceAll("/_history.*", "");
		String kommun = result.getEntry().get(2).getResponse().getLocation().replaceAll("/_history.*", "");
		String region = result.getEntry().get(1).getResponse().getLocation().replaceAll("/_history.*", "");

		assertThat(http().get("/fhir/CarePlan?patient=" + patient + "&status=active").bundle().getEntry()).hasSize(1);
		assertThat(http().get("/fhir/CarePlan?patient=" + patient + "&status=draft").bundle().getEntry()).isEmpty();
		assertThat(http().get("/fhir/CarePlan?patient=" + patient
								+ "&category=https://fhir.karta.se/CodeSystem/plan-type|sip")
						.bundle().getEntry())
				.hasSize(1);
		assertThat(http().get("/fhir/Consent?patient=" + patient + "&status=active").bundle().getEntry()).hasSize(1);
		assertThat(http().get("/fhir/CareTeam?subject=" + patient).bundle().getEntry()).hasSize(1);

		Task task = Fixtures.planningRequest(new Reference(patient), new Reference(region), new Reference(kommun));
		assertThat(http().post("/fhir/Task", task).status()).isEqualTo(201);
		assertThat(http().get("/fhir/Task?owner=" + kommun
								+ "&code=https://fhir.karta.se/CodeSystem/task-type|planning-request&status=requested")
						.bundle().getEntry())
				.hasSize(1);
		assertThat(http().get("/fhir/Task?owner=" + region).bundle().getEntry()).isEmpty();
	}

	@Test
	void pagesSearchResults() {
		for (int i = 0; i < 3; i++) {
			http().post("/fhir/Organization", Fixtures.organization("other", "Paging " + i, "SE2321000016-PG" + i));
		}
		Bundle page = http().get("/fhir/Organization?name=Paging&_count=2").bundle();
		assertThat(page.getEntry()).hasSize(2);
		assertThat(page.getLink("next")).isNotNull();
		Bundle next = http().get(page.getLink("next").getUrl()).bundle();
		assertThat(next.getEntry()).isNotEmpty();
	}

	@Test
	void unparseableBodyIsBadRequestWithOutcome() {
		Response response = http().post("/fhir/Patient", "{ this is not json", Map.of());
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.outcome().getIssueFirstRep().getSeverity())
				.isEqualTo(OperationOutcome.IssueSeverity.ERROR);
	}

	@Test
	void unknownIdIsNotFound() {
		Response response = http().get("/fhir/CarePlan/does-not-exist");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.outcome().getIssue()).isNotEmpty();
	}

	@Test
	void oversizedBodyIsRejectedWith413() {
		String big = "{\"resourceType\":\"Patient\",\"text\":\"" + "x".repeat(1_100_000) + "\"}";
		Response response = http().post("/fhir/Patient", big, Map.of());
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.outcome().getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TOOLONG);
		assertThat(response.outcome().getIssueFirstRep().getDetails().getText()).contains("för stor");
	}

	@Test
	void healthReportsTheDatabase() {
		Response health = http().get("/actuator/health", Map.of("Accept", "application/json"));
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("\"db\"").contains("UP");
	}

	@Test
	void openApiIsServed() {
		Response apiDocs = http().get("/fhir/api-docs");
		assertThat(apiDocs.status()).isEqualTo(200);
		assertThat(apiDocs.body()).contains("openapi");
	}

	@Test
	void consentIsStoredAndSearchable() {
		Bundle result = http().post("/fhir", Fixtures.sipTransaction("191212121212")).bundle();
		String consent = result.getEntry().get(4).getResponse().getLocation();
		Consent stored = http().get("/fhir/" + consent).resource(Consent.class);
		assertThat(stored.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
		assertThat(stored.getOrganization()).hasSize(2);
	}
}
