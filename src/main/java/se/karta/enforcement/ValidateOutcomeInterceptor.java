package se.karta.enforcement;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import se.karta.rules.RuleCodeSystem;

/**
 * Gives the legal-rule findings of {@code $validate} the shape CONTRACT section 4 prescribes:
 * code {@code business-rule}, {@code details.coding} = the rule, Swedish {@code details.text},
 * English {@code diagnostics}.
 */
@Interceptor
public class ValidateOutcomeInterceptor {

	private static final String MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id";

	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public void reshapeRuleIssues(IBaseResource response) {
		if (response instanceof OperationOutcome outcome) {
			outcome.getIssue().forEach(ValidateOutcomeInterceptor::reshape);
		}
	}

	private static void reshape(OperationOutcomeIssueComponent issue) {
		Extension id = issue.getExtensionByUrl(MESSAGE_ID);
		if (id == null || !id.getValue().primitiveValue().startsWith(KartaInstanceValidatorModule.RULE_MESSAGE_PREFIX)) {
			return;
		}
		String ruleId = id.getValue().primitiveValue().substring(KartaInstanceValidatorModule.RULE_MESSAGE_PREFIX.length());
		String[] texts = issue.getDiagnostics().split(KartaInstanceValidatorModule.TEXT_SEPARATOR, 2);
		issue.setCode(OperationOutcome.IssueType.BUSINESSRULE);
		issue.getDetails().getCoding().clear();
		issue.getDetails().addCoding(new Coding(RuleCodeSystem.URL, ruleId, null)).setText(texts[0]);
		issue.setDiagnostics(texts.length > 1 ? texts[1] : texts[0]);
	}
}
