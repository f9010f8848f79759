package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built {@code se.karta.fhir} package (StructureDefinitions with snapshots, CodeSystems, ValueSets,
 * SearchParameters, Questionnaires and examples), loaded from the classpath at {@value #CLASSPATH_LOCATION}.
 * The server installs its resources at startup and serves {@link #getPackageBytes()}. The lists are
 * unmodifiable and their resources shared: treat them as read-only ({@code copy()} before changing one).
 */
public final class KartaPackage {

	public static final String CLASSPATH_LOCATION = "/ig/package.tgz";
	public static final String NAME = NpmPackageWriter.PACKAGE_NAME;
	public static final String VERSION = NpmPackageWriter.PACKAGE_VERSION;

	private static final String PACKAGE_FOLDER = "package/";
	private static final String EXAMPLE_FOLDER = "package/example/";

	private final byte[] packageBytes;
	private final JsonNode manifest;
	private final List<IBaseResource> resources;
	private final List<IBaseResource> examples;

	private KartaPackage(byte[] packageBytes, JsonNode manifest, List<IBaseResource> resources,
			List<IBaseResource> examples) {
		this.packageBytes = packageBytes;
		this.manifest = manifest;
		this.resources = Collections.unmodifiableList(resources);
		this.examples = Collections.unmodifiableList(examples);
	}

	/** Loads the package from the classpath ({@value #CLASSPATH_LOCATION}). */
	public static KartaPackage load(FhirContext fhirContext) {
		try (InputStream in = KartaPackage.class.getResourceAsStream(CLASSPATH_LOCATION)) {
			if (in == null) {
				throw new IllegalStateException("FHIR package " + CLASSPATH_LOCATION + " is not on the classpath; "
						+ "it is built by IgPackageBuilder in the Maven process-classes phase");
			}
			return load(fhirContext, in.readAllBytes());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Loads a package from the bytes of its gzip tar. */
	public static KartaPackage load(FhirContext fhirContext, byte[] tgz) {
		IParser parser = fhirContext.newJsonParser();
		JsonNode manifest = null;
		List<IBaseResource> resources = new ArrayList<>();
		List<IBaseResource> examples = new ArrayList<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GzipCompressorInputStream(new ByteArrayInputStream(tgz)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				String name = entry.getName();
				if (entry.isDirectory() || !name.endsWith(".json") || name.endsWith("/.index.json")) {
					continue;
				}
				String content = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
				if (name.equals(PACKAGE_FOLDER + "package.json")) {
					manifest = new ObjectMapper().readTree(content);
				} else if (name.startsWith(EXAMPLE_FOLDER)) {
					examples.add(parser.parseResource(content));
				} else if (name.startsWith(PACKAGE_FOLDER) && name.indexOf('/', PACKAGE_FOLDER.length()) < 0) {
					resources.add(parser.parseResource(content));
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read FHIR package", e);
		}
		if (manifest == null) {
			throw new IllegalStateException("FHIR package has no package/package.json");
		}
		return new KartaPackage(tgz, manifest, resources, examples);
	}

	public String getName() {
		return manifest.path("name").asText();
	}

	public String getVersion() {
		return manifest.path("version").asText();
	}

	/** The raw {@code package/package.json}. */
	public JsonNode getManifest() {
		return manifest.deepCopy();
	}

	/** The gzip tar as built, e.g. to serve at {@code /ig/package.tgz}. */
	public byte[] getPackageBytes() {
		return packageBytes.clone();
	}

	/** All conformance resources (not the examples). */
	public List<IBaseResource> getResources() {
		return resources;
	}

	/** The valid examples of {@code package/example/} (single resources and transaction Bundles). */
	public List<IBaseResource> getExamples() {
		return examples;
	}

	public List<StructureDefinition> getStructureDefinitions() {
		return ofType(StructureDefinition.class);
	}

	public List<CodeSystem> getCodeSystems() {
		return ofType(CodeSystem.class);
	}

	public List<ValueSet> getValueSets() {
		return ofType(ValueSet.class);
	}

	public List<SearchParameter> getSearchParameters() {
		return ofType(SearchParameter.class);
	}

	public List<Questionnaire> getQuestionnaires() {
		return ofType(Questionnaire.class);
	}

	public Optional<StructureDefinition> getStructureDefinition(String url) {
		return getStructureDefinitions().stream().filter(sd -> url.equals(sd.getUrl())).findFirst();
	}

	private <T extends IBaseResource> List<T> ofType(Class<T> type) {
		return resources.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
	}
}
