package se.karta.profiles;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Profile choice and the behaviour of the validator beyond the example files. */
class ProfileValidatorTest {

	private final ProfileValidator validator = Examples.validator();

	@Test
	void explicitProfileIsUsed() {
		Patient patient = (Patient) Examples.parse(Examples.VALID.resolve("Patient-example.json"));
		assertThat(Examples.errors(validator.validate(patient, KartaTerms.PROFILE_PATIENT))).isEmpty();

		patient.setName(null);
		assertThat(Examples.errors(validator.validate(patient, KartaTerms.PROFILE_PATIENT)))
				.anyMatch(e -> InvalidExamplesTest.namesElement(e, "Patient.name", null));
	}

	@Test
	void unknownRequestedProfileIsAnError() {
		Patient patient = (Patient) Examples.parse(Examples.VALID.resolve("Patient-example.json"));
		assertThat(Examples.errors(validator.validate(patient, "https://example.org/StructureDefinition/unknown")))
				.anyMatch(e -> e.getMessage().contains("https://example.org/StructureDefinition/unknown"));
	}

	@Test
	void unknownDeclaredProfileIsAWarningAndTheKartaProfileStillApplies() {
		Patient patient = (Patient) Examples.parse(Examples.VALID.resolve("Patient-example.json"));
		patient.getMeta().addProfile("https://example.org/StructureDefinition/other-guide-patient");
		patient.setName(null);
		var result = validator.validate(patient);
		assertThat(result.getMessages())
				.anyMatch(m -> m.getSeverity() == ResultSeverityEnum.WARNING
						&& m.getMessage().contains("other-guide-patient"));
		assertThat(Examples.errors(result)).anyMatch(e -> InvalidExamplesTest.namesElement(e, "Patient.name", null));
	}

	@Test
	void declaredKartaProfileIsUsed() {
		CarePlan plan = (CarePlan) Examples.parse(Examples.VALID.resolve("CarePlan-example-sip.json"));
		plan.getMeta().addProfile(KartaTerms.PROFILE_LSS_IP);
		// a SIP checked as an LSS plan lacks personkrets
		assertThat(Examples.errors(validator.validate(plan)))
				.anyMatch(e -> InvalidExamplesTest.namesElement(e, "CarePlan.extension:lss-personkrets", null));
	}

	@Test
	void unknownExternalCodeSystemsDoNotFailValidation() {
		CarePlan plan = (CarePlan) Examples.parse(Examples.VALID.resolve("CarePlan-example-sip.json"));
		plan.getActivityFirstRep().getDetail().getCode().addCoding()
				.setSystem("http://snomed.info/sct").setCode("385763009").setDisplay("Hospice care");
		plan.addCategory().addCoding().setSystem("http://snomed.info/sct").setCode("734163000");
		plan.getActivity().get(1).getDetail().getCode().addCoding()
				.setSystem("https://example.org/CodeSystem/local-insatser").setCode("X1");
		assertThat(Examples.errors(validator.validate(plan))).isEmpty();
	}

	@Test
	void draftPlanNeedsNoActivitiesPeriodOrResponsibility() {
		CarePlan plan = (CarePlan) Examples.parse(Examples.VALID.resolve("CarePlan-example-lss-ip.json"));
		plan.setStatus(CarePlan.CarePlanStatus.DRAFT);
		plan.setPeriod(null);
		plan.getActivity().clear();
		plan.getExtension().removeIf(e -> e.getUrl().endsWith("/overall-responsibility")
				|| e.getUrl().endsWith("/patient-participation") || e.getUrl().endsWith("/review"));
		assertThat(Examples.errors(validator.validate(plan))).isEmpty();
	}

	@Test
	void lssInsatsMayBeTextOnly() {
		CarePlan plan = (CarePlan) Examples.parse(Examples.VALID.resolve("CarePlan-example-lss-ip.json"));
		plan.getActivityFirstRep().getDetail().getCode().getCoding().clear();
		assertThat(Examples.errors(validator.validate(plan))).isEmpty();
	}
}
