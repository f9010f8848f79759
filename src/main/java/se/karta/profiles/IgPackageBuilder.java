package se.karta.profiles;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build-time entry point (run by exec-maven-plugin in {@code process-classes}): reads the hand-written
 * conformance resources of {@code profiles/}, {@code terminology/} and {@code questionnaires/} plus the
 * generated rule CodeSystem, generates StructureDefinition snapshots and writes the npm-style package
 * {@code se.karta.fhir} to {@code target/classes/ig/package.tgz} and {@code target/se.karta.fhir-0.1.0.tgz}.
 *
 * <p>Usage: {@code IgPackageBuilder <project basedir>}
 */
public final class IgPackageBuilder {

	/** Generator of the {@code rule} CodeSystem, written in {@code se.karta.rules}; optional at build time. */
	static final String RULE_CODE_SYSTEM_CLASS = "se.karta.rules.RuleCodeSystem";

	private static final List<String> SOURCE_FOLDERS = List.of("terminology", "profiles", "questionnaires");
	private static final String EXAMPLE_FOLDER = "profiles/examples";

	private final FhirContext fhirContext;
	private final Path baseDir;
	private final Path targetDir;
	private final List<String> generators;

	/** Reads from {@code baseDir}, writes to {@code baseDir/target}, includes the rule CodeSystem if present. */
	public IgPackageBuilder(FhirContext fhirContext, Path baseDir) {
		this(fhirContext, baseDir, baseDir.resolve("target"), List.of(RULE_CODE_SYSTEM_CLASS));
	}

	/**
	 * @param generators names of classes with a {@code public static} no-argument {@code build()} returning a
	 *                   conformance resource; absent classes are skipped
	 */
	public IgPackageBuilder(FhirContext fhirContext, Path baseDir, Path targetDir, List<String> generators) {
		this.fhirContext = fhirContext;
		this.baseDir = baseDir;
		this.targetDir = targetDir;
		this.generators = List.copyOf(generators);
	}

	public static void main(String[] args) throws IOException {
		Path baseDir = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
		new IgPackageBuilder(FhirContext.forR4Cached(), baseDir).build();
	}

	/** Builds the package and returns the path of {@code target/classes/ig/package.tgz}. */
	public Path build() throws IOException {
		List<IBaseResource> resources = new ArrayList<>();
		for (String folder : SOURCE_FOLDERS) {
			resources.addAll(readFolder(baseDir.resolve(folder)));
		}
		for (String generator : generators) {
			generated(generator).ifPresent(resource -> addGenerated(resource, resources));
		}
		List<IBaseResource> withSnapshots = withSnapshots(resources);
		List<IBaseResource> examples = readFolder(baseDir.resolve(EXAMPLE_FOLDER));

		byte[] tgz = new NpmPackageWriter(fhirContext).write(withSnapshots, examples);
		Path classpathCopy = targetDir.resolve("classes").resolve(KartaPackage.CLASSPATH_LOCATION.substring(1));
		Path distribution = targetDir.resolve(NpmPackageWriter.PACKAGE_NAME + "-"
				+ NpmPackageWriter.PACKAGE_VERSION + ".tgz");
		for (Path target : List.of(classpathCopy, distribution)) {
			Files.createDirectories(target.getParent());
			Files.write(target, tgz);
		}
		System.out.println("[karta] wrote " + withSnapshots.size() + " conformance resources and " + examples.size()
				+ " examples to " + classpathCopy + " and " + distribution);
		return classpathCopy;
	}

	private List<IBaseResource> withSnapshots(List<IBaseResource> resources) {
		List<StructureDefinition> differentials = resources.stream()
				.filter(StructureDefinition.class::isInstance)
				.map(StructureDefinition.class::cast)
				.collect(Collectors.toList());
		Iterator<StructureDefinition> snapshots =
				new SnapshotGenerator(fhirContext, resources).generate(differentials).iterator();
		return resources.stream()
				.map(r -> r instanceof StructureDefinition ? snapshots.next() : r)
				.collect(Collectors.toList());
	}

	private List<IBaseResource> readFolder(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		List<Path> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().collect(Collectors.toList());
		}
		List<IBaseResource> resources = new ArrayList<>();
		for (Path file : files) {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				resources.add(fhirContext.newJsonParser().parseResource(reader));
			} catch (RuntimeException e) {
				throw new IllegalStateException("Cannot parse " + file + ": " + e.getMessage(), e);
			}
		}
		return resources;
	}

	private static Optional<IBaseResource> generated(String className) {
		try {
			Class<?> generator = Class.forName(className);
			Method build = generator.getMethod("build");
			return Optional.of((IBaseResource) build.invoke(null));
		} catch (ClassNotFoundException e) {
			System.out.println("[karta] " + className + " not on the classpath; skipped");
			return Optional.empty();
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot build a conformance resource with " + className, e);
		}
	}

	/**
	 * Adds a generated resource, its id taken from the last segment of its url when missing; a generated
	 * CodeSystem without a ValueSet in the package gets the ValueSet of all its codes (contract section 3).
	 */
	private static void addGenerated(IBaseResource resource, List<IBaseResource> resources) {
		if (resource instanceof MetadataResource metadata && !metadata.hasIdElement() && metadata.hasUrl()) {
			metadata.setId(metadata.getUrl().substring(metadata.getUrl().lastIndexOf('/') + 1));
		}
		resources.add(resource);
		if (resource instanceof CodeSystem codeSystem) {
			String valueSetUrl = codeSystem.hasValueSet() ? codeSystem.getValueSet()
					: KartaTerms.VS + codeSystem.getIdPart();
			boolean present = resources.stream()
					.anyMatch(r -> r instanceof ValueSet vs && valueSetUrl.equals(vs.getUrl()));
			if (!present) {
				resources.add(allCodesOf(codeSystem, valueSetUrl));
			}
		}
	}

	private static ValueSet allCodesOf(CodeSystem codeSystem, String url) {
		ValueSet valueSet = new ValueSet();
		valueSet.setId(url.substring(url.lastIndexOf('/') + 1));
		valueSet.setUrl(url);
		valueSet.setVersion(codeSystem.getVersion());
		valueSet.setName(codeSystem.getName());
		valueSet.setTitle(codeSystem.getTitle());
		valueSet.setStatus(Enumerations.PublicationStatus.ACTIVE);
		valueSet.setPublisher(codeSystem.getPublisher());
		valueSet.setDescription("All codes of the " + codeSystem.getIdPart() + " code system.");
		valueSet.getCompose().addInclude().setSystem(codeSystem.getUrl());
		return valueSet;
	}
}
