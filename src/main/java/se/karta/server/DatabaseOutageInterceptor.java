package se.karta.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletResponse;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * While the database cannot be reached, requests fail fast with 503 Service Unavailable, a
 * {@code Retry-After} header and an OperationOutcome, instead of HAPI's generic 500. The connection
 * pool reconnects by itself once the database is back.
 */
@Interceptor
public class DatabaseOutageInterceptor {

	static final String RETRY_AFTER_SECONDS = "5";

	@Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
	public BaseServerResponseException toServiceUnavailable(Throwable exception, HttpServletResponse response) {
		if (!isOutage(exception)) {
			return null; // not an outage: HAPI's default handling (or another interceptor) applies
		}
		UnclassifiedServerFailureException unavailable = new UnclassifiedServerFailureException(
				503, "Database unavailable: " + rootMessage(exception));
		unavailable.setOperationOutcome(Outcomes.error(
				IssueType.TRANSIENT,
				"Databasen kan inte nås just nu. Försök igen om en stund; inget av begäran har sparats.",
				"The database is unreachable; nothing of this request was stored. Retry later. Cause: "
						+ rootMessage(exception)));
		if (response != null) {
			response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
		}
		return unavailable;
	}

	static boolean isOutage(Throwable exception) {
		for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof SQLTransientConnectionException
					|| t instanceof SQLNonTransientConnectionException
					|| t instanceof JDBCConnectionException
					|| t instanceof CannotCreateTransactionException
					|| t instanceof java.net.ConnectException) {
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable exception) {
		Throwable root = exception;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}
}
