package se.karta.server;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** OperationOutcomes in Karta's style: Swedish text for people, English in diagnostics. */
public final class Outcomes {

	private Outcomes() {}

	public static OperationOutcome error(IssueType type, String textSv, String diagnosticsEn) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(IssueSeverity.ERROR)
				.setCode(type)
				.setDiagnostics(diagnosticsEn)
				.getDetails()
				.setText(textSv);
		return outcome;
	}

	/** The same outcome as JSON, for places outside HAPI's response handling (servlet filters). */
	public static String errorJson(IssueType type, String textSv, String diagnosticsEn) {
		return ca.uhn.fhir.context.FhirContext.forR4Cached()
				.newJsonParser()
				.encodeResourceToString(error(type, textSv, diagnosticsEn));
	}
}
