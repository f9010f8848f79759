package se.karta.profiles;

import se.karta.terms.KartaTerms;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The package built by IgPackageBuilder in process-classes. */
class KartaPackageTest {

	private static final List<String> PROFILES = List.of("karta-patient", "karta-organization",
			"karta-individual-plan", "karta-sip", "karta-lss-ip", "karta-careteam", "karta-consent", "karta-task");
	private static final List<String> EXTENSIONS = List.of("legal-basis", "overall-responsibility",
			"patient-participation", "review", "lss-personkrets", "initiated-by", "insats-decision");
	private static final List<String> TERMINOLOGY = List.of("plan-type", "legal-basis", "principal-type",
			"participant-role", "participation", "insats-decision", "lss-personkrets", "lss-insats", "initiative",
			"consent-category", "task-type");

	private static KartaPackage kartaPackage;

	@BeforeAll
	static void load() {
		kartaPackage = KartaPackage.load(Examples.FHIR);
	}

	@Test
	void isTheSeKartaFhirPackageForR4() {
		assertThat(kartaPackage.getName()).isEqualTo("se.karta.fhir");
		assertThat(kartaPackage.getVersion()).isEqualTo("0.1.0");
		assertThat(kartaPackage.getManifest().path("fhirVersions").get(0).asText()).isEqualTo("4.0.1");
		assertThat(kartaPackage.getManifest().path("dependencies").path("hl7.fhir.r4.core").asText()).isEqualTo("4.0.1");
	}

	@Test
	void everyProfileAndExtensionHasASnapshot() {
		for (String id : concat(PROFILES, EXTENSIONS)) {
			StructureDefinition sd = kartaPackage.getStructureDefinition(KartaTerms.SD + id)
					.orElseThrow(() -> new AssertionError("no StructureDefinition " + id));
			assertThat(sd.getSnapshot().getElement()).as(id + " snapshot").isNotEmpty();
			assertThat(sd.getDifferential().getElement()).as(id + " differential").isNotEmpty();
		}
		assertThat(kartaPackage.getStructureDefinition(KartaTerms.PROFILE_INDIVIDUAL_PLAN).orElseThrow().getAbstract()).isTrue();
	}

	@Test
	void everyCodeSystemHasAValueSetOfAllItsCodes() {
		List<String> codeSystems = kartaPackage.getCodeSystems().stream().map(CodeSystem::getIdPart).collect(Collectors.toList());
		List<String> valueSets = kartaPackage.getValueSets().stream().map(ValueSet::getIdPart).collect(Collectors.toList());
		assertThat(codeSystems).containsAll(TERMINOLOGY);
		assertThat(valueSets).containsAll(TERMINOLOGY);
		for (CodeSystem cs : kartaPackage.getCodeSystems()) {
			assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
			assertThat(cs.getStatus()).isEqualTo(Enumerations.PublicationStatus.ACTIVE);
			assertThat(cs.getUrl()).isEqualTo(KartaTerms.CS + cs.getIdPart());
			assertThat(cs.getConcept()).allSatisfy(concept -> {
				assertThat(concept.getDisplay()).isNotBlank();
				assertThat(concept.getDesignation()).anyMatch(d -> "en".equals(d.getLanguage()));
			});
		}
	}

	@Test
	void hasTheCustomSearchParametersOfCarePlan() {
		List<String> codes = kartaPackage.getSearchParameters().stream().map(SearchParameter::getCode).collect(Collectors.toList());
		assertThat(codes).containsExactlyInAnyOrder("overall-responsibility", "review-due", "legal-basis", "activity-performer");
		assertThat(kartaPackage.getSearchParameters()).allSatisfy(sp -> {
			assertThat(sp.getIdPart()).isEqualTo(sp.getCode());
			assertThat(sp.getUrl()).isEqualTo(KartaTerms.BASE + "/SearchParameter/" + sp.getCode());
			assertThat(sp.getBase()).extracting(b -> b.getValue()).containsExactly("CarePlan");
		});
	}

	@Test
	void distributionCopyIsWrittenBesideTheClasspathCopy() throws Exception {
		Path distribution = Path.of("target/se.karta.fhir-0.1.0.tgz");
		assertThat(distribution).exists();
		assertThat(Files.readAllBytes(distribution)).isEqualTo(kartaPackage.getPackageBytes());
	}

	@Test
	void profileChoiceFollowsTheContract() {
		ProfileValidator validator = Examples.validator();
		assertThat(validator.profileFor(Examples.parse(Examples.VALID.resolve("CarePlan-example-sip.json")))).contains(KartaTerms.PROFILE_SIP);
		assertThat(validator.profileFor(Examples.parse(Examples.VALID.resolve("CarePlan-example-lss-ip.json")))).contains(KartaTerms.PROFILE_LSS_IP);
		assertThat(validator.profileFor(Examples.parse(Examples.VALID.resolve("Patient-example.json")))).contains(KartaTerms.PROFILE_PATIENT);
		assertThat(validator.profileFor(Examples.parse(Examples.VALID.resolve("Goal-example.json")))).isEmpty();
	}

	private static List<String> concat(List<String> a, List<String> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
	}
}
