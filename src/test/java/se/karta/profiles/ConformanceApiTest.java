package se.karta.profiles;

import se.karta.terms.KartaTerms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.karta.rules.RuleRegistry;
import se.karta.support.FhirHttp;
import se.karta.support.FhirHttp.Response;
import se.karta.support.KartaApiTest;

/**
 * The package as a running server offers it: installed conformance resources, the CapabilityStatement,
 * {@code /ig/package.tgz}, and profile enforcement of the package's own valid and invalid examples.
 */
class ConformanceApiTest extends KartaApiTest {

	private static final Path EXAMPLES = Path.of("profiles/examples");
	private static volatile boolean examplesLoaded;

	/** Stores every single valid example under its own id, so the invalid ones can point at them. */
	@BeforeEach
	void loadSingleExamples() throws IOException {
		if (examplesLoaded) {
			return;
		}
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		try (Stream<Path> files = Files.list(EXAMPLES)) {
			files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().startsWith("Bundle-")
							&& !f.getFileName().toString().startsWith("QuestionnaireResponse-"))
					.sorted()
					.forEach(file -> {
						Resource resource = (Resource) FHIR.newJsonParser().parseResource(read(file));
						transaction.addEntry().setResource(resource).getRequest()
								.setMethod(Bundle.HTTPVerb.PUT)
								.setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
					});
		}
		Response response = http().post("/fhir", transaction);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		examplesLoaded = true;
	}

	@Test
	void profilesTerminologyAndSearchParametersAreInstalled() {
		for (String url : List.of(
				"StructureDefinition?url=https://fhir.karta.se/StructureDefinition/karta-sip",
				"StructureDefinition?url=https://fhir.karta.se/StructureDefinition/overall-responsibility",
				"CodeSystem?url=https://fhir.karta.se/CodeSystem/plan-type",
				"ValueSet?url=https://fhir.karta.se/ValueSet/lss-insats",
				"SearchParameter?url=https://fhir.karta.se/SearchParameter/review-due",
				"Questionnaire?url=https://fhir.karta.se/Questionnaire/ip-request")) {
			assertThat(http().get("/fhir/" + url).bundle().getEntry()).as(url).hasSize(1);
		}
		StructureDefinition sip = (StructureDefinition) http()
				.get("/fhir/StructureDefinition?url=https://fhir.karta.se/StructureDefinition/karta-sip")
				.bundle().getEntryFirstRep().getResource();
		assertThat(sip.getSnapshot().getElement()).isNotEmpty();
	}

	@Test
	void ruleCodeSystemListsEveryRule() {
		CodeSystem rules = (CodeSystem) http().get("/fhir/CodeSystem?url=https://fhir.karta.se/CodeSystem/rule")
				.bundle().getEntryFirstRep().getResource();
		List<String> ids = RuleRegistry.discover().rules().stream().map(r -> r.id()).toList();
		assertThat(ids).hasSize(15);
		assertThat(rules.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
				.containsExactlyInAnyOrderElementsOf(ids);
		assertThat(rules.getConcept()).allSatisfy(concept -> {
			assertThat(concept.getDisplay()).isNotBlank();
			assertThat(concept.getProperty()).extracting(p -> p.getCode()).contains("legalSource");
		});
	}

	@Test
	void capabilityStatementListsKartaProfiles() {
		CapabilityStatement capability = http().get("/fhir/metadata").resource(CapabilityStatement.class);
		Map<String, List<String>> profiles = new HashMap<>();
		capability.getRestFirstRep().getResource().forEach(r -> profiles.put(r.getType(),
				r.getSupportedProfile().stream().map(p -> p.getValue()).toList()));
		assertThat(profiles.get("CarePlan")).contains(
				"https://fhir.karta.se/StructureDefinition/karta-sip",
				"https://fhir.karta.se/StructureDefinition/karta-lss-ip");
		assertThat(profiles.get("Patient")).contains("https://fhir.karta.se/StructureDefinition/karta-patient");
		assertThat(profiles.get("Task")).contains("https://fhir.karta.se/StructureDefinition/karta-task");
	}

	@Test
	void packageIsServedAsBuilt() throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create(http().root() + "/ig/package.tgz")).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(Files.readAllBytes(Path.of("target/se.karta.fhir-0.1.0.tgz")));

		Map<String, byte[]> files = new HashMap<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GzipCompressorInputStream(new ByteArrayInputStream(response.body())))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				files.put(entry.getName(), tar.readAllBytes());
			}
		}
		JsonNode manifest = new ObjectMapper().readTree(files.get("package/package.json"));
		assertThat(manifest.get("name").asText()).isEqualTo("se.karta.fhir");
		assertThat(manifest.get("fhirVersions").get(0).asText()).isEqualTo("4.0.1");
		assertThat(files).containsKey("package/.index.json");
		StructureDefinition sip = FHIR.newJsonParser().parseResource(
				StructureDefinition.class, new String(files.get("package/StructureDefinition-karta-sip.json")));
		assertThat(sip.getUrl()).isEqualTo("https://fhir.karta.se/StructureDefinition/karta-sip");
		assertThat(sip.getSnapshot().getElement()).isNotEmpty();
	}

	static Stream<String> invalidExamples() throws IOException {
		JsonNode expected = new ObjectMapper().readTree(EXAMPLES.resolve("invalid/expected.json").toFile());
		Iterator<String> names = expected.fieldNames();
		List<String> list = new java.util.ArrayList<>();
		names.forEachRemaining(list::add);
		return list.stream().sorted();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidExamples")
	void invalidExampleIsRejectedOnItsElementAndNotStored(String file) throws IOException {
		JsonNode expected = new ObjectMapper().readTree(EXAMPLES.resolve("invalid/expected.json").toFile()).get(file);
		Resource resource = (Resource) FHIR.newJsonParser().parseResource(read(EXAMPLES.resolve("invalid/" + file)));
		String type = resource.fhirType();
		resource.setId((String) null);
		int before = http().get("/fhir/" + type + "?_summary=count").bundle().getTotal();

		Response response = http().post("/fhir/" + type, resource);

		assertThat(response.status()).as(response.body()).isEqualTo(422);
		OperationOutcome outcome = response.outcome();
		String path = expected.get("path").asText();
		String constraint = expected.has("constraint") ? expected.get("constraint").asText() : null;
		assertThat(outcome.getIssue()).as(response.body()).anySatisfy(issue -> {
			String where = issue.getExpression().toString().replaceAll("\\[\\d+]", "")
					.replace(".ofType(Coding)", "").replace(".ofType(Reference)", "");
			String text = issue.getDiagnostics();
			String element = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf(':')) + 1);
			assertThat(where.contains(path) || text.contains(path) || text.contains("'" + element)
							|| text.contains(":" + element + "'"))
					.as(where + " / " + text).isTrue();
			if (constraint != null) {
				assertThat(text).contains(constraint);
			}
		});
		assertThat(http().get("/fhir/" + type + "?_summary=count").bundle().getTotal()).isEqualTo(before);
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		} catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}
}
