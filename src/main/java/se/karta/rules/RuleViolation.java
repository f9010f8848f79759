package se.karta.rules;

import java.util.Objects;

/**
 * One violation of a legal rule, mapped by the server to an OperationOutcome issue (severity
 * {@code error}, code {@code business-rule}, {@code details.coding} = rule#ruleId).
 *
 * @param ruleId        the rule id (code in the {@code rule} CodeSystem), e.g. {@code SIP-CONSENT}
 * @param messageSv     user-facing message in Swedish ({@code details.text})
 * @param diagnosticsEn technical explanation in English ({@code diagnostics})
 * @param expression    FHIRPath of the failing element, e.g. {@code CarePlan.activity[1].detail.performer}
 */
public record RuleViolation(String ruleId, String messageSv, String diagnosticsEn, String expression) {

    public RuleViolation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(messageSv, "messageSv");
        Objects.requireNonNull(diagnosticsEn, "diagnosticsEn");
        Objects.requireNonNull(expression, "expression");
    }
}
