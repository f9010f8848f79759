package se.karta.profiles;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every valid example, and every resource inside the example transaction Bundles, has no errors. */
class ValidExamplesTest {

	@TestFactory
	List<DynamicTest> everyValidExampleConformsToItsProfile() {
		List<DynamicTest> tests = new ArrayList<>();
		for (Path file : Examples.jsonFiles(Examples.VALID)) {
			IBaseResource example = Examples.parse(file);
			if (example instanceof Bundle bundle) {
				tests.add(DynamicTest.dynamicTest(file.getFileName() + " is a transaction",
						() -> assertTransaction(bundle)));
				for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
					tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + entry.getFullUrl() + " "
							+ entry.getResource().fhirType(), () -> assertValid(entry.getResource())));
				}
			} else {
				tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> assertValid(example)));
			}
		}
		return tests;
	}

	private static void assertValid(IBaseResource resource) {
		var result = Examples.validator().validate(resource);
		var errors = Examples.errors(result);
		assertTrue(errors.isEmpty(), "expected no errors, got:" + Examples.describe(result.getMessages()));
	}

	private static void assertTransaction(Bundle bundle) {
		assertEquals(Bundle.BundleType.TRANSACTION, bundle.getType());
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			assertTrue(entry.getFullUrl().startsWith("urn:uuid:"), entry.getFullUrl());
			assertEquals(Bundle.HTTPVerb.POST, entry.getRequest().getMethod());
			assertEquals(entry.getResource().fhirType(), entry.getRequest().getUrl());
		}
	}
}
