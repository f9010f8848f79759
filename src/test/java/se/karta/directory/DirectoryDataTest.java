package se.karta.directory;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import se.karta.profiles.ProfileValidator;

/** The shipped directory files: well formed, conform to their Karta profiles, one key per entry. */
class DirectoryDataTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static ProfileValidator validator;
	private static List<Resource> resources;

	@BeforeAll
	static void load() throws IOException {
		validator = new ProfileValidator(FHIR);
		resources = new ArrayList<>();
		for (String pattern : List.of(DirectoryLoader.DIRECTORY, DirectoryLoader.SAMPLE)) {
			for (org.springframework.core.io.Resource file : new PathMatchingResourcePatternResolver().getResources(pattern)) {
				try (InputStream in = file.getInputStream()) {
					Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, new String(in.readAllBytes(), StandardCharsets.UTF_8));
					assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
					for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
						String key = key(entry.getResource());
						assertThat(entry.getRequest().getUrl()).isEqualTo(
								entry.getResource().fhirType() + "?identifier=" + DirectoryTerms.DIRECTORY_KEY + "|" + key);
						resources.add(entry.getResource());
					}
				}
			}
		}
	}

	@Test
	void everyEntryConformsToItsProfile() {
		List<String> errors = new ArrayList<>();
		for (Resource resource : resources) {
			validator.validate(resource).getMessages().stream()
					.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
					.forEach(m -> errors.add(resource.fhirType() + " " + resource.getIdElement() + " "
							+ m.getLocationString() + ": " + m.getMessage()));
		}
		assertThat(errors).isEmpty();
	}

	@Test
	void keysAreUniqueAndCountsAsShipped() {
		Set<String> keys = new HashSet<>();
		for (Resource resource : resources) {
			String key = resource.fhirType() + "|" + key(resource);
			assertThat(keys.add(key)).as(key).isTrue();
		}
		assertThat(resources.stream().filter(Organization.class::isInstance)).hasSize(7);
		assertThat(resources.stream().filter(r -> r instanceof HealthcareService s
				&& s.getCategoryFirstRep().getCodingFirstRep().getCode().equals("ern"))).hasSize(24);
	}

	@Test
	void profilesRejectAnExpertTeamWithoutDiagnosisAndACentreWithoutTheCsdMark() {
		HealthcareService team = resources.stream().filter(HealthcareService.class::isInstance)
				.map(r -> (HealthcareService) r.copy())
				.filter(s -> s.getCategoryFirstRep().getCodingFirstRep().getCode().equals("expert-team"))
				.findFirst().orElseThrow();
		team.getSpecialty().clear();
		assertThat(errorsOf(team)).anyMatch(m -> m.contains("karta-expert-team-2"));

		Organization centre = resources.stream().filter(Organization.class::isInstance)
				.map(r -> (Organization) r.copy()).findFirst().orElseThrow();
		centre.getTypeFirstRep().getCodingFirstRep().setCode("other");
		assertThat(errorsOf(centre)).anyMatch(m -> m.contains("karta-csd-1"));
		centre.getIdentifier().removeIf(i -> DirectoryTerms.ORGANISATIONSNUMMER.equals(i.getSystem()));
		assertThat(errorsOf(centre)).anyMatch(m -> m.contains("karta-organization-1"));
	}

	private static String key(Resource resource) {
		return resource.getChildByName("identifier").getValues().stream()
				.map(org.hl7.fhir.r4.model.Identifier.class::cast)
				.filter(i -> DirectoryTerms.DIRECTORY_KEY.equals(i.getSystem()))
				.findFirst().orElseThrow().getValue();
	}

	private static List<String> errorsOf(Resource resource) {
		return validator.validate(resource).getMessages().stream()
				.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR)
				.map(m -> m.getMessage())
				.toList();
	}
}
