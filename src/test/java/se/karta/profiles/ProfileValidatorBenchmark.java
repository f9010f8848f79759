package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Not a test: measures warm profile validation of the SIP CarePlan example (goal: median at most
 * 5 ms) and of every resource of the SIP example bundle, and writes the figures to
 * {@code target/bench/profile-validation.md}. Run after {@code mvn test-compile}:
 * {@code mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=se.karta.profiles.ProfileValidatorBenchmark}
 */
public final class ProfileValidatorBenchmark {

	private static final int WARMUP = 2000;
	private static final int MEASURED = 2000;

	public static void main(String[] args) throws Exception {
		FhirContext fhirContext = FhirContext.forR4Cached();
		long start = System.nanoTime();
		ProfileValidator validator = new ProfileValidator(fhirContext);
		long buildMs = (System.nanoTime() - start) / 1_000_000;

		IBaseResource plan = fhirContext.newJsonParser()
				.parseResource(Files.readString(Path.of("profiles/examples/CarePlan-example-sip.json")));
		List<Resource> bundle = fhirContext.newJsonParser()
				.parseResource(Bundle.class, Files.readString(Path.of("profiles/examples/Bundle-sip-example.json")))
				.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();

		Histogram planTimes = measure(() -> validator.validate(plan));
		Histogram bundleTimes = measure(() -> bundle.forEach(validator::validate));
		List<Resource> declaring = bundle.stream().map(Resource::copy).toList();
		declaring.forEach(r -> validator.profileFor(r).ifPresent(p -> r.getMeta().addProfile(p)));
		Histogram declaringTimes = measure(() -> declaring.forEach(validator::validate));

		String report = "# Profile validation (warm, one thread)\n\n"
				+ "validator built and warmed in " + buildMs + " ms\n\n"
				+ "| what | median ms | p95 ms | p99 ms |\n|---|---|---|---|\n"
				+ row("SIP CarePlan (CarePlan-example-sip.json)", planTimes)
				+ row("whole SIP bundle (" + bundle.size() + " resources)", bundleTimes)
				+ row("whole SIP bundle, each resource declaring its profile in meta.profile", declaringTimes);
		Path out = Path.of("target/bench/profile-validation.md");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		System.out.println(report);
	}

	private static Histogram measure(Runnable work) {
		for (int i = 0; i < WARMUP; i++) {
			work.run();
		}
		Histogram histogram = new Histogram(3);
		for (int i = 0; i < MEASURED; i++) {
			long t = System.nanoTime();
			work.run();
			histogram.recordValue((System.nanoTime() - t) / 1000);
		}
		return histogram;
	}

	private static String row(String what, Histogram micros) {
		return String.format("| %s | %.2f | %.2f | %.2f |%n", what,
				micros.getValueAtPercentile(50) / 1000.0,
				micros.getValueAtPercentile(95) / 1000.0,
				micros.getValueAtPercentile(99) / 1000.0);
	}
}
