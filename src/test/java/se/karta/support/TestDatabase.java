package se.karta.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * Which database the integration suite runs on: {@code -Dkarta.test.db=h2} (default, in memory)
 * or {@code postgres} (a real server on 127.0.0.1:5432, database {@code test}, trust auth). The
 * Maven build runs the suite once for each.
 *
 * <p>On PostgreSQL the suite starts from an empty schema {@code karta_it_<checkout>}, dropped and created once
 * per test JVM. When no PostgreSQL answers, the suite is skipped with a loud message, except under
 * {@code CI=true}, where that is a failure.
 */
public final class TestDatabase {

	/** Per checkout, so that test runs in two checkouts on one machine do not drop each other's schema. */
	public static final String SCHEMA = schemaName("karta_it");
	private static volatile boolean prepared;

	private TestDatabase() {}

	/** {@code base} plus a short stable suffix from the checkout's directory. */
	public static String schemaName(String base) {
		return base + "_" + Integer.toHexString(System.getProperty("user.dir").hashCode() & 0xffff);
	}

	public static boolean isPostgres() {
		return "postgres".equalsIgnoreCase(System.getProperty("karta.test.db", "h2"));
	}

	public static String postgresUrl(String schema) {
		String base = System.getProperty("karta.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
		return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	public static String postgresUser() {
		return System.getProperty("karta.test.pg.user", "postgres");
	}

	/** Drops and re-creates the test schema once per JVM; tells whether PostgreSQL can be used. */
	public static synchronized boolean preparePostgres() {
		if (prepared) {
			return true;
		}
		try (Connection connection =
						DriverManager.getConnection(postgresUrl("public"), postgresUser(), "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
			statement.execute("CREATE SCHEMA " + SCHEMA);
			prepared = true;
			return true;
		} catch (SQLException e) {
			String message = "PostgreSQL at " + postgresUrl("public") + " is not reachable: " + e.getMessage();
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException("CI=true: the PostgreSQL suite must run. " + message, e);
			}
			System.err.println("\n!!!!!!!!!! SKIPPING THE POSTGRESQL SUITE: " + message + " !!!!!!!!!!\n");
			return false;
		}
	}

	/** Activates the Spring profile of the chosen database. */
	public static final class ProfileResolver implements ActiveProfilesResolver {
		@Override
		public String[] resolve(Class<?> testClass) {
			return new String[] {isPostgres() ? "it-postgres" : "it-h2"};
		}
	}
}
