package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test: measures warm validation of the SIP CarePlan example (goal: median at most 5 ms).
 * Run after {@code mvn test-compile}:
 * {@code mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=se.karta.profiles.ProfileValidatorBenchmark}
 */
public final class ProfileValidatorBenchmark {

	public static void main(String[] args) throws Exception {
		FhirContext fhirContext = FhirContext.forR4Cached();
		long start = System.nanoTime();
		ProfileValidator validator = new ProfileValidator(fhirContext);
		System.out.printf("validator built and warmed in %d ms%n", (System.nanoTime() - start) / 1_000_000);

		IBaseResource plan = fhirContext.newJsonParser()
				.parseResource(Files.readString(Path.of("profiles/examples/CarePlan-example-sip.json")));
		for (int i = 0; i < 2000; i++) {
			validator.validate(plan);
		}
		long[] nanos = new long[1000];
		for (int i = 0; i < nanos.length; i++) {
			long t = System.nanoTime();
			validator.validate(plan);
			nanos[i] = System.nanoTime() - t;
		}
		Arrays.sort(nanos);
		System.out.printf("SIP CarePlan: median %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
				nanos[500] / 1e6, nanos[900] / 1e6, nanos[990] / 1e6);
	}
}
