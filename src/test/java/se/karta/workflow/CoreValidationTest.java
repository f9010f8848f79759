package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * The core R4 validator accepts the ip-request Questionnaire, validates the example response against
 * it, and accepts a built Task against base R4 (Karta's own profiles and code systems are not loaded
 * here, so issues about unknown Karta canonicals are ignored).
 */
class CoreValidationTest {

    @Test
    void questionnaireExampleResponseAndTasksValidate() {
        FhirContext ctx = FhirContext.forR4Cached();
        Questionnaire questionnaire = IpRequestValidatorTest.read("profiles/Questionnaire-ip-request.json", Questionnaire.class);
        QuestionnaireResponse example = IpRequestValidatorTest.read(
                "profiles/examples/QuestionnaireResponse-ip-request-example.json", QuestionnaireResponse.class);

        // PrePopulatedValidationSupport holds only conformance resources; serve the Questionnaire ourselves
        IValidationSupport karta = new IValidationSupport() {
            @Override
            public FhirContext getFhirContext() {
                return ctx;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
                String url = uri == null ? "" : uri.split("\\|")[0];
                boolean wanted = type == null || type.isInstance(questionnaire);
                return wanted && IpRequestValidator.QUESTIONNAIRE_URL.equals(url) ? (T) questionnaire : null;
            }
        };
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ctx), karta,
                new InMemoryTerminologyServerValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx));
        FhirValidator validator = ctx.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));

        CarePlan plan = new CarePlan();
        plan.setId("lss1");
        plan.setSubject(new Reference("Patient/anna"));
        TaskFactory factory = new TaskFactory();

        for (IBaseResource resource : List.of(questionnaire, example,
                factory.reviewDue(plan, new Reference("Organization/kommun"), LocalDate.of(2026, 2, 15)),
                factory.ipRequest(example, new Reference("Organization/kommun")))) {
            List<String> errors = validator.validateWithResult(resource).getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .filter(m -> !m.getMessage().contains("fhir.karta.se")) // Karta canonicals are not loaded here
                    .map(SingleValidationMessage::toString)
                    .toList();
            assertThat(errors).as(resource.fhirType()).isEmpty();
        }
    }
}
