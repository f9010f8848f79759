package se.karta.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import se.karta.identifiers.HsaId;
import se.karta.identifiers.Personnummer;

/** The benchmark's data generator makes valid, distinct data (no timing here). */
class SipBundlesTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void personnummerAreValidAndDistinct() {
		Set<String> seen = new HashSet<>();
		for (long i = 0; i < 50_000; i += 7) {
			String pnr = SipBundles.personnummer(i);
			assertThat(Personnummer.isValid(pnr)).as(pnr).isTrue();
			assertThat(seen.add(pnr)).as(pnr).isTrue();
		}
		assertThat(SipBundles.personnummer(0)).isEqualTo("194001011008");
	}

	@Test
	void bundlesHaveOwnIdsAndDeclareProfiles() {
		SipBundles bundles = new SipBundles(FHIR, Path.of("profiles/examples/Bundle-sip-example.json"));
		Bundle first = FHIR.newJsonParser().parseResource(Bundle.class, bundles.json(3));
		Bundle second = FHIR.newJsonParser().parseResource(Bundle.class, bundles.json(4));
		assertThat(first.getEntry()).hasSize(8);
		assertThat(first.getEntry().get(0).getFullUrl()).isNotEqualTo(second.getEntry().get(0).getFullUrl());
		Patient patient = (Patient) first.getEntry().get(0).getResource();
		assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(SipBundles.personnummer(3));
		assertThat(patient.getMeta().getProfile()).hasSize(1);
		for (Bundle.BundleEntryComponent entry : first.getEntry()) {
			if (entry.getResource() instanceof Organization org) {
				for (Identifier id : org.getIdentifier()) {
					if (HsaId.SYSTEM.equals(id.getSystem())) {
						assertThat(HsaId.isValid(id.getValue())).as(id.getValue()).isTrue();
						assertThat(id.getValue()).endsWith("N3");
					}
				}
			}
		}
		Bundle batch = FHIR.newJsonParser().parseResource(Bundle.class, bundles.transactionOf(10, 3));
		assertThat(batch.getEntry()).hasSize(24);
	}
}
