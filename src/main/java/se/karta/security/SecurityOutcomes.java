package se.karta.security;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.karta.server.Outcomes;

/** 401/403 answers in Karta's style: Swedish for people, English in diagnostics. */
public final class SecurityOutcomes {

	public static final String NO_TOKEN_SV = "Inloggning krävs: anropet saknar giltig åtkomsttoken (Bearer).";
	public static final String SCOPE_SV = "Åtkomst nekad: åtkomsttoken saknar behörighet (scope) för detta anrop.";
	public static final String NOT_IN_TEAM_SV = "Åtkomst nekad: du har inte åtkomst till denna information "
			+ "(organisationen ingår inte i planens planeringsgrupp, saknar samtycke, eller uppgiften gäller någon annan).";
	public static final String SIDE_DOOR_SV = "Åtkomst nekad: denna typ av anrop är bara tillåten för administratörer.";
	public static final String AUDIT_SV = "Loggposter (AuditEvent) kan inte ändras eller tas bort.";

	private SecurityOutcomes() {}

	public static ForbiddenOperationException forbidden(String textSv, String diagnosticsEn) {
		OperationOutcome outcome = Outcomes.error(IssueType.FORBIDDEN, textSv, diagnosticsEn);
		return new ForbiddenOperationException(diagnosticsEn, outcome);
	}
}
