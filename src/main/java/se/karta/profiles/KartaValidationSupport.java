package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;

/**
 * Builds the one validation support chain of Karta: the R4 core definitions, the {@code se.karta.fhir}
 * package, in-memory terminology (Karta and FHIR code systems; unknown external systems such as SNOMED CT
 * are not looked up anywhere, so they never fail or hang validation) and snapshot generation for profiles
 * that arrive without one. Caching is the chain's own (HAPI 8: {@link ValidationSupportChain.CacheConfiguration}).
 */
public final class KartaValidationSupport {

	private KartaValidationSupport() {}

	/** A new chain over the R4 core and the given package. Build it once and share it; it is thread safe. */
	public static ValidationSupportChain createChain(FhirContext fhirContext, KartaPackage kartaPackage) {
		return new ValidationSupportChain(
				ValidationSupportChain.CacheConfiguration.defaultValues(),
				new DefaultProfileValidationSupport(fhirContext),
				packageSupport(fhirContext, kartaPackage),
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				new CommonCodeSystemsTerminologyService(fhirContext),
				new SnapshotGeneratingValidationSupport(fhirContext));
	}

	/** The package's conformance resources as a validation support module (e.g. for a JPA server's own chain). */
	public static IValidationSupport packageSupport(FhirContext fhirContext, KartaPackage kartaPackage) {
		PrePopulatedValidationSupport support = new PrePopulatedValidationSupport(fhirContext);
		kartaPackage.getResources().forEach(support::addResource);
		return support;
	}
}
