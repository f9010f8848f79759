package se.karta.enforcement;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * What one write (a single request, or a whole transaction) found wrong so far: profile errors, then
 * rule violations, each in the order of the entries. Kept in HAPI's {@code TransactionDetails}.
 */
final class WriteFindings {

	static final String KEY = WriteFindings.class.getName();

	private final List<OperationOutcomeIssueComponent> profileIssues = new ArrayList<>();
	private final List<OperationOutcomeIssueComponent> ruleIssues = new ArrayList<>();

	void addProfileIssue(OperationOutcomeIssueComponent issue) {
		profileIssues.add(issue);
	}

	void addRuleIssue(OperationOutcomeIssueComponent issue) {
		ruleIssues.add(issue);
	}

	boolean isEmpty() {
		return profileIssues.isEmpty() && ruleIssues.isEmpty();
	}

	OperationOutcome toOutcome() {
		OperationOutcome outcome = new OperationOutcome();
		profileIssues.forEach(outcome::addIssue);
		ruleIssues.forEach(outcome::addIssue);
		return outcome;
	}
}
