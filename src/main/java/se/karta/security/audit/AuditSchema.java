package se.karta.security.audit;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.taskdef.AddColumnTask;
import ca.uhn.fhir.jpa.migrate.taskdef.AddIndexTask;
import ca.uhn.fhir.jpa.migrate.taskdef.AddTableByColumnTask;
import ca.uhn.fhir.jpa.migrate.taskdef.BaseTask;
import ca.uhn.fhir.jpa.migrate.taskdef.ColumnTypeEnum;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail's two tables, created and later changed by HAPI's versioned migrator with a
 * migration table of Karta's own ({@value #MIGRATION_TABLE}), on H2 and PostgreSQL alike:
 *
 * <ul>
 *   <li>{@value #EVENTS}: one row per AuditEvent, its id, when it was recorded and its JSON;</li>
 *   <li>{@value #TERMS}: the values it is searched by, one row per (parameter, value, system), see
 *       {@link AuditSearchTerms}.</li>
 * </ul>
 *
 * A new change is a new task with the next version at the end of {@link #tasks()}; tasks that ran
 * are never changed.
 */
public final class AuditSchema {

	static final String MIGRATION_TABLE = "KARTA_MIGRATION";
	static final String EVENTS = "KARTA_AUDIT_EVENT";
	static final String TERMS = "KARTA_AUDIT_TERM";
	/** The longest value kept in {@value #TERMS}; a longer one is not searchable. */
	static final int MAX_TERM_LENGTH = 500;

	private static final Logger log = LoggerFactory.getLogger(AuditSchema.class);
	private static final String PRODUCT_VERSION = "0.1.0";

	private AuditSchema() {}

	/** Runs the tasks this database has not run yet (a lock row keeps two nodes from running them at once). */
	public static void migrate(DataSource dataSource, DriverTypeEnum driver) {
		HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, dataSource, driver);
		tasks().forEach(migrator::addTask);
		migrator.createMigrationTableIfRequired();
		MigrationResult result = migrator.migrate();
		log.info("Karta audit schema: {}", result.summary());
	}

	static List<BaseTask> tasks() {
		AddTableByColumnTask events = new AddTableByColumnTask(PRODUCT_VERSION, "20261202.1");
		events.setTableName(EVENTS);
		events.addAddColumnTask(column(EVENTS, "RES_ID", ColumnTypeEnum.STRING, 64));
		events.addAddColumnTask(column(EVENTS, "RECORDED", ColumnTypeEnum.DATE_TIMESTAMP, null));
		events.addAddColumnTask(column(EVENTS, "RES_TEXT", ColumnTypeEnum.TEXT, null));
		events.setPkColumns(List.of("RES_ID"));

		AddIndexTask byRecorded = new AddIndexTask(PRODUCT_VERSION, "20261202.2");
		byRecorded.setTableName(EVENTS);
		byRecorded.setIndexName("IDX_KARTA_AUDIT_RECORDED");
		byRecorded.setColumns("RECORDED", "RES_ID");
		byRecorded.setUnique(false);

		AddTableByColumnTask terms = new AddTableByColumnTask(PRODUCT_VERSION, "20261202.3");
		terms.setTableName(TERMS);
		terms.addAddColumnTask(column(TERMS, "RES_ID", ColumnTypeEnum.STRING, 64));
		terms.addAddColumnTask(column(TERMS, "PARAM", ColumnTypeEnum.STRING, 32));
		terms.addAddColumnTask(column(TERMS, "VAL", ColumnTypeEnum.STRING, MAX_TERM_LENGTH));
		terms.addAddColumnTask(column(TERMS, "SYS", ColumnTypeEnum.STRING, MAX_TERM_LENGTH));
		terms.setPkColumns(List.of("PARAM", "VAL", "SYS", "RES_ID"));

		return List.of(events, byRecorded, terms);
	}

	private static AddColumnTask column(String table, String name, ColumnTypeEnum type, Integer length) {
		AddColumnTask column = new AddColumnTask(null, null);
		column.setTableName(table);
		column.setColumnName(name);
		column.setColumnType(type);
		column.setNullable(false);
		if (length != null) {
			column.setColumnLength(length);
		}
		return column;
	}
}
