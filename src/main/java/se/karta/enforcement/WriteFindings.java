package se.karta.enforcement;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * What one write (a single request, or a whole transaction) found wrong so far: profile errors and
 * rule violations, in the order they were found. Kept in HAPI's {@code TransactionDetails}.
 */
final class WriteFindings {

	static final String KEY = WriteFindings.class.getName();

	private final List<OperationOutcomeIssueComponent> issues = new ArrayList<>();

	void add(OperationOutcomeIssueComponent issue) {
		issues.add(issue);
	}

	boolean isEmpty() {
		return issues.isEmpty();
	}

	OperationOutcome toOutcome() {
		OperationOutcome outcome = new OperationOutcome();
		issues.forEach(outcome::addIssue);
		return outcome;
	}
}
