package se.karta.server;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to date with HAPI's own versioned migrator (the same tasks as
 * HAPI's {@code migrate-database} command) before the persistence unit starts. An empty database is
 * initialised in one step; an existing one gets only the tasks it has not yet run. A lock row in
 * the migration table keeps two nodes from migrating at once ({@link NodeStartupLock} serialises the
 * whole first start of nodes that start together).
 */
public final class SchemaMigration {

	private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

	private SchemaMigration() {}

	public static void migrate(DataSource dataSource, String dialect) {
		DriverTypeEnum driver = driverFor(dialect);
		HapiMigrator migrator = new HapiMigrator(SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource, driver);
		migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
		migrator.createMigrationTableIfRequired();
		MigrationResult result = migrator.migrate();
		LOG.info("HAPI schema migration: {}", result.summary());
	}

	public static DriverTypeEnum driverFor(String dialect) {
		if (dialect.contains("Postgres")) {
			return DriverTypeEnum.POSTGRES_9_4;
		}
		if (dialect.contains("H2")) {
			return DriverTypeEnum.H2_EMBEDDED;
		}
		throw new IllegalArgumentException("karta.database.schema=migrate is supported on PostgreSQL and H2, not " + dialect);
	}
}
