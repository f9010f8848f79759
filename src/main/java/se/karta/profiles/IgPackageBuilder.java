package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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

	public IgPackageBuilder(FhirContext fhirContext, Path baseDir) {
		this.fhirContext = fhirContext;
		this.baseDir = baseDir;
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
		generatedRuleCodeSystem().ifPresent(resources::add);
		List<IBaseResource> withSnapshots = withSnapshots(resources);
		List<IBaseResource> examples = readFolder(baseDir.resolve(EXAMPLE_FOLDER));

		byte[] tgz = new NpmPackageWriter(fhirContext).write(withSnapshots, examples);
		Path classpathCopy = baseDir.resolve("target/classes" + KartaPackage.CLASSPATH_LOCATION);
		Path distribution = baseDir.resolve("target/" + NpmPackageWriter.PACKAGE_NAME + "-"
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

	private static java.util.Optional<IBaseResource> generatedRuleCodeSystem() {
		try {
			Class<?> generator = Class.forName(RULE_CODE_SYSTEM_CLASS);
			Method build = generator.getMethod("build");
			return java.util.Optional.of((IBaseResource) build.invoke(null));
		} catch (ClassNotFoundException e) {
			System.out.println("[karta] " + RULE_CODE_SYSTEM_CLASS + " not on the classpath; package has no rule CodeSystem");
			return java.util.Optional.empty();
		} catch (ReflectiveOperationException e) {
			throw new IllegalStateException("Cannot build the rule CodeSystem with " + RULE_CODE_SYSTEM_CLASS, e);
		}
	}
}
