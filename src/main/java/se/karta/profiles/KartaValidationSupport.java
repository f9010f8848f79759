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
 * that arrive without one, with caching.
 */
public final class KartaValidationSupport {

	private KartaValidationSupport() {}

	/**
	 * The validation support Karta validates with: the chain, its frequent answers memoized in plain
	 * maps in front of HAPI's Caffeine cache (much faster for a fixed set of conformance resources).
	 * Build it once and share it; it is thread safe.
	 */
	public static IValidationSupport create(FhirContext fhirContext, KartaPackage kartaPackage) {
		return new MemoizingValidationSupport(createChain(fhirContext, kartaPackage));
	}

	/** The plain chain with HAPI's own cache, for HAPI components that want a {@link ValidationSupportChain}. */
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
