package se.karta.directory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.karta.narrative.PlanNarrativeGenerator;
import se.karta.support.FhirHttp.Response;
import se.karta.support.Fixtures;
import se.karta.support.KartaApiTest;

/**
 * The rare-diagnosis directory over HTTP: the shipped data is loaded once and idempotently,
 * {@code $rare-diagnosis-support} finds the CSD of a region and the teams, ERNs and links of a
 * diagnosis, and a CSD or an expert team can sit in a planning group.
 */
class DirectoryApiTest extends KartaApiTest {

	private static final String DIR = DirectoryTerms.DIRECTORY_KEY;
	private static final String ORPHA = "http://www.orpha.net";
	private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
	private static volatile boolean sampleLoaded;

	@Autowired
	DirectoryLoader loader;

	@Autowired
	DaoRegistry daoRegistry;

	@Autowired
	ca.uhn.fhir.rest.server.RestfulServer server;

	@BeforeEach
	void sampleData() {
		if (!sampleLoaded) {
			loader.load(true);
			sampleLoaded = true;
		}
	}

	// ------------------------------------------------------------------ data

	@Test
	void shipsSevenCentresTwentyFourErnsAndEveryRegionCovered() {
		assertThat(count("Organization?_profile=https://fhir.karta.se/StructureDefinition/karta-rare-diagnosis-centre")).isEqualTo(7);
		assertThat(count("HealthcareService?service-category=" + DirectoryTerms.KIND + "|ern")).isEqualTo(24);
		assertThat(count("Location?type=" + DirectoryTerms.AREA_TYPE + "|region")).isEqualTo(21);
		assertThat(count("Location?type=" + DirectoryTerms.AREA_TYPE + "|sjukvardsregion")).isEqualTo(6);
		for (String county : List.of("01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18",
				"19", "20", "21", "22", "23", "24", "25")) {
			String region = locationId(county);
			assertThat(count("HealthcareService?service-category=" + DirectoryTerms.KIND + "|csd&coverage-area=" + region))
					.as("CSDs covering county " + county).isBetween(1, 2);
		}
	}

	@Test
	void loadingAgainCreatesNothing() {
		int services = count("HealthcareService?identifier=" + DIR + "|");
		int organizations = count("Organization?_count=0");
		int locations = count("Location?_count=0");
		int links = count("DocumentReference?_count=0");
		String csdVersion = csd("csd-skane").getMeta().getVersionId();

		assertThat(loader.load(true).created()).isZero();
		DirectoryLoader overwriting = new DirectoryLoader(daoRegistry, new DirectoryProperties(true, true, true), server);
		assertThat(overwriting.load(true).created()).isZero();

		assertThat(count("HealthcareService?identifier=" + DIR + "|")).isEqualTo(services);
		assertThat(count("Organization?_count=0")).isEqualTo(organizations);
		assertThat(count("Location?_count=0")).isEqualTo(locations);
		assertThat(count("DocumentReference?_count=0")).isEqualTo(links);
		assertThat(csd("csd-skane").getMeta().getVersionId()).as("unchanged entries get no new version").isEqualTo(csdVersion);
	}

	@Test
	void directoryWritesGoThroughKartaEnforcement() {
		Organization bad = csd("csd-umea").copy();
		bad.setId((String) null);
		bad.getMeta().setVersionId(null);
		bad.getIdentifier().forEach(i -> {
			if (DirectoryTerms.ORGANISATIONSNUMMER.equals(i.getSystem())) {
				i.setValue("2321000223");
			} else {
				i.setValue("test-bad-csd");
			}
		});
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setResource(bad).getRequest().setMethod(Bundle.HTTPVerb.PUT)
				.setUrl("Organization?identifier=" + DIR + "|test-bad-csd");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.transaction(bundle))
				.isInstanceOf(ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException.class);
		assertThat(count("Organization?identifier=" + DIR + "|test-bad-csd")).isZero();
	}

	@Test
	void directoryIsMaintainedByNormalWritesAndSurvivesReload() {
		HealthcareService ern = http().get("/fhir/HealthcareService?identifier=" + DIR + "|ernica").bundle()
				.getEntryFirstRep().getResource() instanceof HealthcareService s ? s : null;
		assertThat(ern).isNotNull();
		ern.setComment("Ändrad via FHIR (changed through FHIR)");
		Response put = http().put("/fhir/HealthcareService/" + ern.getIdElement().getIdPart(), ern);
		assertThat(put.status()).as(put.body()).isEqualTo(200);
		loader.load(true);
		HealthcareService after = http().get("/fhir/HealthcareService/" + ern.getIdElement().getIdPart())
				.resource(HealthcareService.class);
		assertThat(after.getComment()).isEqualTo("Ändrad via FHIR (changed through FHIR)");
	}

	@Test
	void plainSearchesWork() {
		assertThat(count("HealthcareService?specialty=" + ORPHA + "|98896")).isEqualTo(4);
		assertThat(count("HealthcareService?specialty=" + ICD10 + "|G71.0")).isEqualTo(4);
		assertThat(count("HealthcareService?coverage-area=" + locationId("12") + "&service-category="
				+ DirectoryTerms.KIND + "|expert-team")).isEqualTo(1);
		assertThat(count("DocumentReference?event=" + ORPHA + "|778")).isEqualTo(2);
	}

	// ------------------------------------------------------------------ the operation: CSD per region

	@Test
	void findsTheCsdOfTheRegionByCodeNameAndReference() {
		assertThat(firstCsd("01")).isEqualTo("Centrum för sällsynta diagnoser, Karolinska Universitetssjukhuset");
		assertThat(firstCsd("9")).isEqualTo("Centrum för sällsynta diagnoser, Karolinska Universitetssjukhuset");
		assertThat(firstCsd("Region Skåne")).isEqualTo("Centrum för sällsynta diagnoser, Skånes universitetssjukhus");
		assertThat(firstCsd("blekinge län")).isEqualTo("Centrum för sällsynta diagnoser, Skånes universitetssjukhus");
		assertThat(firstCsd("Västra Götalandsregionen")).isEqualTo("Centrum för sällsynta diagnoser, Sahlgrenska Universitetssjukhuset");
		assertThat(firstCsd("25")).isEqualTo("Centrum för sällsynta diagnoser, Norrlands universitetssjukhus");
		assertThat(firstCsd("Kalmar")).isEqualTo("Centrum för sällsynta diagnoser, Universitetssjukhuset i Linköping");
		assertThat(firstCsd("18")).isEqualTo("Centrum för sällsynta diagnoser, Universitetssjukhuset Örebro");
		assertThat(firstCsd("Region Uppsala")).isEqualTo("Centrum för sällsynta diagnoser, Akademiska sjukhuset");
		assertThat(csdNames("17")).containsExactlyInAnyOrder(
				"Centrum för sällsynta diagnoser, Akademiska sjukhuset",
				"Centrum för sällsynta diagnoser, Universitetssjukhuset Örebro");

		String region = "Organization/" + http().post("/fhir/Organization", Fixtures.region()).createdId();
		assertThat(firstCsd(region)).isEqualTo("Centrum för sällsynta diagnoser, Karolinska Universitetssjukhuset");
		assertThat(firstCsd(locationId("14"))).isEqualTo("Centrum för sällsynta diagnoser, Sahlgrenska Universitetssjukhuset");
	}

	// ------------------------------------------------------------------ the operation: a diagnosis

	@Test
	void findsTeamsOwnRegionFirstThenNationalAndTheErnAndLinks() {
		Bundle bundle = support(ORPHA + "|98896", "12");
		assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
		assertThat(names(bundle)).containsExactly(
				"Centrum för sällsynta diagnoser, Skånes universitetssjukhus",
				"Centrum för sällsynta diagnoser, Skånes universitetssjukhus – vägledning och hänvisning",
				"Expertteam neuromuskulära sjukdomar, Skåne (exempeldata)",
				"Nationell expertresurs Duchennes muskeldystrofi (exempeldata)",
				"ERN EURO-NMD",
				"Duchennes muskeldystrofi – Socialstyrelsens kunskapsdatabas om sällsynta hälsotillstånd",
				"Orphanet – sök Duchennes muskeldystrofi");
		assertThat(bundle.getTotal()).isEqualTo(7);

		List<String> vastra = names(support(ICD10 + "|G71.0", "Västra Götaland"));
		assertThat(vastra).contains("Expertteam neuromuskulära sjukdomar, Sahlgrenska (exempeldata)", "ERN EURO-NMD")
				.doesNotContain("Expertteam neuromuskulära sjukdomar, Skåne (exempeldata)");
		assertThat(vastra.indexOf("Expertteam neuromuskulära sjukdomar, Sahlgrenska (exempeldata)"))
				.isLessThan(vastra.indexOf("Nationell expertresurs Duchennes muskeldystrofi (exempeldata)"));

		assertThat(names(support(ORPHA + "|ORPHA:778", "01"))).containsExactly(
				"Centrum för sällsynta diagnoser, Karolinska Universitetssjukhuset",
				"Centrum för sällsynta diagnoser, Karolinska Universitetssjukhuset – vägledning och hänvisning",
				"Expertteam Rett syndrom, Karolinska (exempeldata)",
				"ERN ITHACA",
				"Orphanet – sök Rett syndrom",
				"Rett syndrom – Socialstyrelsens kunskapsdatabas om sällsynta hälsotillstånd");

		List<String> pws = names(support(ORPHA + "|739", null));
		assertThat(pws).containsExactly("Expertteam Prader-Willis syndrom, Karolinska (exempeldata)", "ERN ITHACA", "Endo-ERN");
	}

	@Test
	void unknownDiagnosisGivesAnEmptyBundleWithInformation() {
		Bundle bundle = support(ORPHA + "|99999999", "Region Norrbotten");
		assertThat(bundle.getTotal()).isZero();
		assertThat(bundle.getEntry()).hasSize(1);
		OperationOutcome outcome = (OperationOutcome) bundle.getEntryFirstRep().getResource();
		assertThat(bundle.getEntryFirstRep().getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.OUTCOME);
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.INFORMATION);
		assertThat(outcome.getIssueFirstRep().getDetails().getText())
				.contains("Kontakta Centrum för sällsynta diagnoser", "Norrlands universitetssjukhus");
		Response validated = http().post("/fhir/Bundle/$validate", bundle);
		assertThat(validated.body()).doesNotContain("\"severity\": \"error\"");
	}

	@Test
	void malformedDiagnosisOrRegionIs400() {
		for (String bad : List.of("778", "http://snomed.info/sct|123", ORPHA + "|", "")) {
			Response response = http().get("/fhir/$rare-diagnosis-support?diagnosis=" + bad + "&region=01");
			assertThat(response.status()).as(bad + ": " + response.body()).isEqualTo(400);
			OperationOutcome outcome = response.outcome();
			assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(outcome.getIssueFirstRep().getDetails().getText()).as(bad).isNotBlank();
		}
		Response noSystem = http().get("/fhir/$rare-diagnosis-support?diagnosis=778");
		assertThat(noSystem.outcome().getIssueFirstRep().getDetails().getText()).contains("SYSTEM|KOD");
		assertThat(noSystem.outcome().getIssueFirstRep().getDiagnostics()).contains("Malformed diagnosis");

		Response region = http().get("/fhir/$rare-diagnosis-support?diagnosis=" + ORPHA + "|778&region=Atlantis");
		assertThat(region.status()).isEqualTo(400);
		assertThat(region.outcome().getIssueFirstRep().getDetails().getText()).startsWith("Okänd region");
	}

	// ------------------------------------------------------------------ planning group

	@Test
	void csdAndExpertTeamJoinAPlanningGroupAndTheNarrativeNamesThem() {
		Organization csd = csd("csd-stockholm");
		Reference csdRef = new Reference("Organization/" + csd.getIdElement().getIdPart());
		HealthcareService team = (HealthcareService) http().get("/fhir/HealthcareService?identifier=" + DIR
				+ "|sample-team-rett-stockholm").bundle().getEntryFirstRep().getResource();

		Bundle transaction = Fixtures.sipTransaction("191212121212");
		CareTeam careTeam = transaction.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
				.filter(CareTeam.class::isInstance).map(CareTeam.class::cast).findFirst().orElseThrow();
		careTeam.addParticipant().addRole(Fixtures.role("other-actor")).setMember(csdRef);
		PractitionerRole expertTeam = new PractitionerRole();
		expertTeam.setActive(true);
		expertTeam.setOrganization(csdRef.copy());
		expertTeam.addHealthcareService(new Reference("HealthcareService/" + team.getIdElement().getIdPart()));
		expertTeam.addCode(new CodeableConcept().setText(team.getName()));
		careTeam.addParticipant().addRole(Fixtures.role("other-actor")).setMember(Fixtures.add(transaction, expertTeam));

		Response stored = http().post("/fhir", transaction);
		assertThat(stored.status()).as(stored.body()).isEqualTo(200);

		String planLocation = stored.bundle().getEntry().stream()
				.map(e -> e.getResponse().getLocation())
				.filter(l -> l.startsWith("CarePlan/")).findFirst().orElseThrow();
		CarePlan plan = http().get("/fhir/" + planLocation.substring(0, planLocation.indexOf("/_history")))
				.resource(CarePlan.class);
		String html = new PlanNarrativeGenerator().renderHtml(plan, this::resolve, List.of());
		assertThat(html).contains(csd.getName()).contains(team.getName());
	}

	// ------------------------------------------------------------------ helpers

	private Optional<? extends Resource> resolve(Reference reference) {
		if (!reference.hasReference() || reference.getReference().startsWith("urn:")) {
			return Optional.empty();
		}
		Response response = http().get("/fhir/" + reference.getReference());
		return response.status() == 200 ? Optional.of(response.resource()) : Optional.empty();
	}

	private Bundle support(String diagnosis, String region) {
		Response response = http().get("/fhir/$rare-diagnosis-support?diagnosis=" + diagnosis
				+ (region == null ? "" : "&region=" + region.replace(" ", "%20")));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.bundle();
	}

	private String firstCsd(String region) {
		return csdNames(region).get(0);
	}

	private List<String> csdNames(String region) {
		return support(ORPHA + "|98896", region).getEntry().stream()
				.map(Bundle.BundleEntryComponent::getResource)
				.filter(Organization.class::isInstance)
				.map(r -> ((Organization) r).getName())
				.toList();
	}

	private static List<String> names(Bundle bundle) {
		return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).map(r -> {
			if (r instanceof Organization o) {
				return o.getName();
			}
			if (r instanceof HealthcareService s) {
				return s.getName();
			}
			if (r instanceof org.hl7.fhir.r4.model.DocumentReference d) {
				return d.getContentFirstRep().getAttachment().getTitle();
			}
			return r.fhirType();
		}).toList();
	}

	private Organization csd(String key) {
		return (Organization) http().get("/fhir/Organization?identifier=" + DIR + "|" + key).bundle()
				.getEntryFirstRep().getResource();
	}

	private String locationId(String county) {
		Bundle found = http().get("/fhir/Location?identifier=" + DirectoryTerms.COUNTY_CODE + "|" + county).bundle();
		assertThat(found.getEntry()).as("region " + county).hasSize(1);
		return "Location/" + found.getEntryFirstRep().getResource().getIdElement().getIdPart();
	}

	private int count(String query) {
		String url = "/fhir/" + query + (query.contains("?") ? "&" : "?") + "_summary=count";
		Response response = http().get(url);
		assertThat(response.status()).as(url + ": " + response.body()).isEqualTo(200);
		return response.bundle().getTotal();
	}
}
