package se.karta.profiles;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Validates single resources against the Karta profiles (structure, cardinality, bindings, invariants).
 * Holds one warm {@link FhirValidator}; thread safe. Reference targets are not fetched.
 *
 * <p>Profile choice when none is asked for: {@code meta.profile} if it names a profile this validator
 * holds (other declared profiles are reported as warnings); else a CarePlan by its
 * {@code plan-type} category ({@code sip} to karta-sip, {@code lss-ip} to karta-lss-ip, none of them to the
 * abstract karta-individual-plan, which then reports the missing category); else by resource
 * type (Patient, Organization, CareTeam, Consent, Task); any other resource against base R4 only.
 */
public class ProfileValidator {

	private static final Map<String, String> PROFILE_BY_TYPE = Map.of(
			"Patient", KartaTerms.PROFILE_PATIENT,
			"Organization", KartaTerms.PROFILE_ORGANIZATION,
			"CareTeam", KartaTerms.PROFILE_CARE_TEAM,
			"Consent", KartaTerms.PROFILE_CONSENT,
			"Task", KartaTerms.PROFILE_TASK);

	private static final Map<String, String> PROFILE_BY_PLAN_TYPE = Map.of(
			KartaTerms.PLAN_SIP, KartaTerms.PROFILE_SIP,
			KartaTerms.PLAN_LSS_IP, KartaTerms.PROFILE_LSS_IP);

	private final FhirContext fhirContext;
	private final IValidationSupport validationSupport;
	private final FhirValidator validator;
	private final KartaPackage kartaPackage;

	/** A validator over the classpath package with its own chain, warmed up. */
	public ProfileValidator(FhirContext fhirContext) {
		this(fhirContext, KartaPackage.load(fhirContext));
	}

	/** A validator over the given package with its own chain, warmed up. */
	public ProfileValidator(FhirContext fhirContext, KartaPackage kartaPackage) {
		this(fhirContext, KartaValidationSupport.create(fhirContext, kartaPackage), kartaPackage);
	}

	/**
	 * A validator over a shared validation support (which must contain the package; use
	 * {@link KartaValidationSupport#create} for speed), warmed up by validating the package's examples once.
	 */
	public ProfileValidator(FhirContext fhirContext, IValidationSupport validationSupport, KartaPackage kartaPackage) {
		this(fhirContext, validationSupport, kartaPackage, true);
	}

	private ProfileValidator(
			FhirContext fhirContext, IValidationSupport validationSupport, KartaPackage kartaPackage, boolean warm) {
		this.fhirContext = fhirContext;
		this.validationSupport = validationSupport;
		this.kartaPackage = kartaPackage;
		this.validator = fhirContext.newValidator();
		validator.setValidateAgainstStandardSchema(false);
		validator.setValidateAgainstStandardSchematron(false);
		validator.registerValidatorModule(new PooledInstanceValidatorModule(validationSupport));
		if (warm) {
			warmUp();
		}
	}

	/**
	 * A validator over the package with its own chain, not yet warmed up: it validates correctly at once,
	 * only the first validations are slower until {@link #warmUp()} has run (the server runs it in the
	 * background, so that it does not hold up startup).
	 */
	public static ProfileValidator cold(FhirContext fhirContext, KartaPackage kartaPackage) {
		return new ProfileValidator(fhirContext, KartaValidationSupport.create(fhirContext, kartaPackage), kartaPackage, false);
	}

	/** Validates against the profile chosen for the resource (see class comment). */
	public ValidationResult validate(IBaseResource resource) {
		return prepare(resource).get();
	}

	/**
	 * Takes the resource as it is now (as JSON, with the profile chosen for it) and validates it when
	 * called, on any thread: a transaction's entries can be validated while the next ones are stored.
	 */
	public Supplier<ValidationResult> prepare(IBaseResource resource) {
		ValidationOptions options = new ValidationOptions();
		if (!declaresKnownProfile(resource)) {
			profileFor(resource).ifPresent(options::addProfile);
		}
		String json = fhirContext.newJsonParser().encodeResourceToString(resource);
		return () -> validator.validateWithResult(json, options);
	}

	/** Validates against the given profile (as for {@code $validate?profile=}), plus any {@code meta.profile}. */
	public ValidationResult validate(IBaseResource resource, String profileUrl) {
		return validator.validateWithResult(resource, new ValidationOptions().addProfile(profileUrl));
	}

	/** The Karta profile this validator picks for a resource without {@code meta.profile}, if any. */
	public Optional<String> profileFor(IBaseResource resource) {
		if (resource instanceof CarePlan plan) {
			return plan.getCategory().stream()
					.map(CodeableConcept::getCoding)
					.flatMap(List::stream)
					.filter(c -> KartaTerms.CS_PLAN_TYPE.equals(c.getSystem()))
					.map(Coding::getCode)
					.map(PROFILE_BY_PLAN_TYPE::get)
					.filter(Objects::nonNull)
					.findFirst()
					.or(() -> Optional.of(KartaTerms.PROFILE_INDIVIDUAL_PLAN));
		}
		return Optional.ofNullable(PROFILE_BY_TYPE.get(resource.fhirType()));
	}

	/** Whether {@code meta.profile} names a profile this validator holds; unknown ones are warned about. */
	private boolean declaresKnownProfile(IBaseResource resource) {
		return resource.getMeta().getProfile().stream()
				.anyMatch(profile -> validationSupport.fetchStructureDefinition(profile.getValue()) != null);
	}

	public FhirContext getFhirContext() {
		return fhirContext;
	}

	/** The chain this validator uses. */
	public IValidationSupport getValidationSupport() {
		return validationSupport;
	}

	/**
	 * Validates every example of the package once: loads and converts the definitions the profiles use,
	 * fills the validation support's caches and lets the JIT compile the validator's hot paths.
	 */
	public void warmUp() {
		for (IBaseResource example : kartaPackage.getExamples()) {
			if (example instanceof Bundle bundle) {
				bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
						.forEach(entry -> validate(entry.getResource()));
			} else {
				validate(example);
			}
		}
	}
}
