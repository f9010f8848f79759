package se.karta.rules;

import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Maps {@link RuleViolation}s to OperationOutcome issues exactly as CONTRACT section 4 says: severity
 * {@code error}, code {@code business-rule}, {@code details.coding} = {@code https://fhir.karta.se/CodeSystem/rule#ID},
 * {@code details.text} in Swedish, {@code diagnostics} in English, {@code expression} the failing element.
 */
public final class RuleOutcomes {

    private RuleOutcomes() {
    }

    /** One issue for one violation. */
    public static OperationOutcome.OperationOutcomeIssueComponent toIssue(RuleViolation v) {
        OperationOutcome.OperationOutcomeIssueComponent issue = new OperationOutcome.OperationOutcomeIssueComponent();
        issue.setSeverity(OperationOutcome.IssueSeverity.ERROR);
        issue.setCode(OperationOutcome.IssueType.BUSINESSRULE);
        issue.setDetails(new CodeableConcept(new Coding(RuleCodeSystem.URL, v.ruleId(), null)).setText(v.messageSv()));
        issue.setDiagnostics(v.diagnosticsEn());
        issue.addExpression(v.expression());
        return issue;
    }

    /** Adds one issue per violation to an OperationOutcome and returns it. */
    public static OperationOutcome addTo(OperationOutcome outcome, List<RuleViolation> violations) {
        for (RuleViolation v : violations) {
            outcome.addIssue(toIssue(v));
        }
        return outcome;
    }

    /** A new OperationOutcome with one issue per violation. */
    public static OperationOutcome toOperationOutcome(List<RuleViolation> violations) {
        return addTo(new OperationOutcome(), violations);
    }
}
