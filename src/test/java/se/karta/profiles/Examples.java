package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Access to the example files of {@code profiles/examples} and shared test fixtures. */
final class Examples {

	static final FhirContext FHIR = FhirContext.forR4Cached();
	static final Path VALID = Path.of("profiles/examples");
	static final Path INVALID = VALID.resolve("invalid");

	private static ProfileValidator validator;

	private Examples() {}

	/** One validator for all tests (building the chain takes seconds). */
	static synchronized ProfileValidator validator() {
		if (validator == null) {
			validator = new ProfileValidator(FHIR);
		}
		return validator;
	}

	static List<Path> jsonFiles(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".json"))
					.filter(p -> !p.getFileName().toString().equals("expected.json"))
					.sorted()
					.collect(Collectors.toList());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static IBaseResource parse(Path file) {
		try {
			return FHIR.newJsonParser().parseResource(Files.readString(file, StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static List<SingleValidationMessage> errors(ValidationResult result) {
		return result.getMessages().stream()
				.filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
				.collect(Collectors.toList());
	}

	static String describe(List<SingleValidationMessage> messages) {
		return messages.stream()
				.map(m -> m.getSeverity() + " " + m.getLocationString() + " " + m.getMessageId() + ": " + m.getMessage())
				.collect(Collectors.joining("\n  ", "\n  ", ""));
	}
}
