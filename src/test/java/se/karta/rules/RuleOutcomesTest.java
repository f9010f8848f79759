package se.karta.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

class RuleOutcomesTest {

    @Test
    void violationBecomesBusinessRuleIssue() {
        RuleViolation v = new RuleViolation("PLAN-CONTENT", "Svenska", "English", "CarePlan.activity");
        OperationOutcome oo = RuleOutcomes.toOperationOutcome(List.of(v));
        OperationOutcome.OperationOutcomeIssueComponent i = oo.getIssueFirstRep();
        assertEquals(OperationOutcome.IssueSeverity.ERROR, i.getSeverity());
        assertEquals(OperationOutcome.IssueType.BUSINESSRULE, i.getCode());
        assertEquals("https://fhir.karta.se/CodeSystem/rule", i.getDetails().getCodingFirstRep().getSystem());
        assertEquals("PLAN-CONTENT", i.getDetails().getCodingFirstRep().getCode());
        assertEquals("Svenska", i.getDetails().getText());
        assertEquals("English", i.getDiagnostics());
        assertEquals("CarePlan.activity", i.getExpression().get(0).getValue());
    }
}
