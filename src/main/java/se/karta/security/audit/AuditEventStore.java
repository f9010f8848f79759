package se.karta.security.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * The audit trail in its own two tables ({@link AuditSchema}), written in JDBC batches and read back
 * as FHIR AuditEvents. Append-only: nothing here updates or deletes a row. Each event is stored with
 * its id and {@code meta.versionId} 1 and searched by the values {@link AuditSearchTerms} keeps.
 */
public class AuditEventStore {

	private static final String INSERT_EVENT =
			"INSERT INTO " + AuditSchema.EVENTS + " (RES_ID, RECORDED, RES_TEXT) VALUES (?, ?, ?)";
	private static final String INSERT_TERM =
			"INSERT INTO " + AuditSchema.TERMS + " (RES_ID, PARAM, VAL, SYS) VALUES (?, ?, ?, ?)";

	private final DataSource dataSource;
	private final FhirContext fhirContext;

	public AuditEventStore(DataSource dataSource, FhirContext fhirContext) {
		this.dataSource = dataSource;
		this.fhirContext = fhirContext;
	}

	/**
	 * Stores events that already carry their id and {@code recorded} time, all in one database
	 * transaction: all of them or none.
	 */
	void insert(List<AuditEvent> events) throws SQLException {
		IParser parser = fhirContext.newJsonParser();
		try (Connection connection = dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (PreparedStatement eventRows = connection.prepareStatement(INSERT_EVENT);
					PreparedStatement termRows = connection.prepareStatement(INSERT_TERM)) {
				for (AuditEvent event : events) {
					String id = event.getIdElement().getIdPart();
					eventRows.setString(1, id);
					eventRows.setObject(2, utc(event.getRecorded().toInstant()));
					eventRows.setString(3, parser.encodeResourceToString(event));
					eventRows.addBatch();
					for (AuditSearchTerms.Term term : AuditSearchTerms.of(event)) {
						termRows.setString(1, id);
						termRows.setString(2, term.param());
						termRows.setString(3, term.value());
						termRows.setString(4, term.system());
						termRows.addBatch();
					}
				}
				eventRows.executeBatch();
				termRows.executeBatch();
				connection.commit();
			} catch (SQLException | RuntimeException e) {
				connection.rollback();
				throw e;
			} finally {
				connection.setAutoCommit(autoCommit);
			}
		}
	}

	Optional<AuditEvent> read(String id) {
		String sql = "SELECT RES_TEXT FROM " + AuditSchema.EVENTS + " WHERE RES_ID = ?";
		List<AuditEvent> found = query(sql, List.of(id));
		return found.stream().findFirst();
	}

	int count(AuditSearch search) {
		List<Object> arguments = new ArrayList<>();
		String sql = "SELECT COUNT(*) FROM " + AuditSchema.EVENTS + " e" + where(search, arguments);
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = prepare(connection, sql, arguments);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getInt(1);
		} catch (SQLException e) {
			throw new IllegalStateException("Could not count AuditEvents: " + e.getMessage(), e);
		}
	}

	/** The events matching {@code search}, newest first unless asked otherwise, from {@code offset}. */
	List<AuditEvent> page(AuditSearch search, int offset, int count) {
		List<Object> arguments = new ArrayList<>();
		String order = search.oldestFirst() ? "ASC" : "DESC";
		String sql = "SELECT e.RES_TEXT FROM " + AuditSchema.EVENTS + " e" + where(search, arguments)
				+ " ORDER BY e.RECORDED " + order + ", e.RES_ID " + order
				+ " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
		arguments.add(offset);
		arguments.add(count);
		return query(sql, arguments);
	}

	private List<AuditEvent> query(String sql, List<Object> arguments) {
		IParser parser = fhirContext.newJsonParser();
		List<AuditEvent> events = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = prepare(connection, sql, arguments);
				ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				events.add(parser.parseResource(AuditEvent.class, rows.getString(1)));
			}
		} catch (SQLException e) {
			throw new IllegalStateException("Could not read AuditEvents: " + e.getMessage(), e);
		}
		return events;
	}

	private static String where(AuditSearch search, List<Object> arguments) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		if (!search.ids().isEmpty()) {
			where.append(" AND e.RES_ID IN (").append(placeholders(search.ids().size())).append(')');
			arguments.addAll(search.ids());
		}
		if (search.from() != null) {
			where.append(" AND e.RECORDED >= ?");
			arguments.add(utc(search.from()));
		}
		if (search.to() != null) {
			where.append(" AND e.RECORDED <= ?");
			arguments.add(utc(search.to()));
		}
		for (AuditSearch.TermCondition condition : search.terms()) {
			where.append(" AND e.RES_ID IN (SELECT t.RES_ID FROM ").append(AuditSchema.TERMS)
					.append(" t WHERE t.PARAM = ? AND (");
			arguments.add(condition.param());
			String or = "";
			for (AuditSearch.Value value : condition.anyOf()) {
				where.append(or).append(value.system() == null ? "t.VAL = ?" : "(t.VAL = ? AND t.SYS = ?)");
				arguments.add(value.value());
				if (value.system() != null) {
					arguments.add(value.system());
				}
				or = " OR ";
			}
			where.append("))");
		}
		return where.toString();
	}

	private static PreparedStatement prepare(Connection connection, String sql, List<Object> arguments)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int i = 0; i < arguments.size(); i++) {
			statement.setObject(i + 1, arguments.get(i));
		}
		return statement;
	}

	private static String placeholders(int count) {
		return String.join(", ", java.util.Collections.nCopies(count, "?"));
	}

	/** Recorded times are kept as UTC wall-clock times, whatever the time zone of the node that wrote them. */
	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}
}
