package se.karta.profiles;

import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every invalid example fails with an error that names the broken element given in
 * {@code profiles/examples/invalid/expected.json} ({@code path}, and {@code constraint} for invariants).
 */
class InvalidExamplesTest {

	private static final Path EXPECTED = Examples.INVALID.resolve("expected.json");

	@TestFactory
	List<DynamicTest> everyInvalidExampleNamesTheBrokenElement() throws IOException {
		JsonNode expected = new ObjectMapper().readTree(EXPECTED.toFile());
		return Examples.jsonFiles(Examples.INVALID).stream()
				.map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
						() -> assertNamesElement(file, expected.get(file.getFileName().toString()))))
				.collect(Collectors.toList());
	}

	@Test
	void everyInvalidExampleHasAnExpectation() throws IOException {
		JsonNode expected = new ObjectMapper().readTree(EXPECTED.toFile());
		Set<String> files = Examples.jsonFiles(Examples.INVALID).stream()
				.map(p -> p.getFileName().toString())
				.collect(Collectors.toCollection(TreeSet::new));
		Set<String> described = new TreeSet<>();
		expected.fieldNames().forEachRemaining(described::add);
		assertThat(described).isEqualTo(files);
		assertThat(files).hasSizeGreaterThanOrEqualTo(10);
	}

	private static void assertNamesElement(Path file, JsonNode expectation) {
		assertThat(expectation).as("expected.json entry for " + file.getFileName()).isNotNull();
		String path = expectation.get("path").asText();
		String constraint = expectation.path("constraint").asText(null);
		List<SingleValidationMessage> errors =
				Examples.errors(Examples.validator().validate(Examples.parse(file)));
		assertThat(errors)
				.as("errors of %s should name %s%s", file.getFileName(), path,
						constraint == null ? "" : " (" + constraint + ")")
				.anyMatch(error -> namesElement(error, path, constraint));
	}

	/**
	 * An error names an element when its location (indexes dropped) is the element, or is its parent and
	 * the message starts with the element (cardinality and slice messages); an invariant must also be the one.
	 */
	static boolean namesElement(SingleValidationMessage error, String path, String constraint) {
		String location = String.valueOf(error.getLocationString()).replaceAll("\\[\\d+]", "")
				.replace(".ofType(Coding)", "").replace(".ofType(Reference)", "");
		String message = String.valueOf(error.getMessage());
		if (constraint != null) {
			return location.equals(path) && message.contains(constraint);
		}
		return location.equals(path)
				|| message.startsWith(path + ":")
				|| message.contains("'" + path + "'")
				|| (location + ".extension:" + sliceOf(message)).equals(path);
	}

	/** The slice name of "Slice 'Extension.extension:nextReview': ..." messages, else empty. */
	private static String sliceOf(String message) {
		int start = message.indexOf("Slice '");
		int colon = message.indexOf(':', start);
		int end = message.indexOf('\'', start + 7);
		return start < 0 || colon < 0 || end < colon ? "" : message.substring(colon + 1, end);
	}
}
