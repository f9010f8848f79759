package se.karta.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;

/** The core R4 validator (txt-1, txt-2, xhtml checks) finds nothing wrong with the generated narrative. */
class NarrativeInstanceValidationTest {

    @Test
    void coreValidatorAcceptsTheNarrative() {
        FhirContext ctx = FhirContext.forR4Cached();
        FhirValidator validator = ctx.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(ctx));

        PlanNarrativeGenerator generator = new PlanNarrativeGenerator();
        for (boolean lss : List.of(false, true)) {
            PlanFixtures f = new PlanFixtures();
            CarePlan plan = lss ? f.lss() : f.sip();
            plan.getActivityFirstRep().getDetail().getCode().setText("<script>alert(1)</script>");
            plan.setText(generator.generate(plan, f.resolver));

            ValidationResult result = validator.validateWithResult(plan);
            List<String> narrativeIssues = result.getMessages().stream()
                    .filter(m -> m.getLocationString() != null && m.getLocationString().startsWith("CarePlan.text"))
                    .map(SingleValidationMessage::toString)
                    .toList();
            assertThat(narrativeIssues).isEmpty();
        }
    }
}
