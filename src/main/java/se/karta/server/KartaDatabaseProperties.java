package se.karta.server;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Persistence settings, bound from {@code karta.database.*}. The connection itself (URL, user,
 * password, pool) is Spring Boot's {@code spring.datasource.*}.
 *
 * @param dialect HAPI's Hibernate dialect class, set explicitly (auto-detection fails on
 *     Debian's PostgreSQL version string)
 * @param schema how the schema is created: {@code update} (Hibernate creates and extends tables;
 *     the embedded default), {@code migrate} (HAPI's own versioned migrator, for PostgreSQL in
 *     production), or {@code validate}/{@code none}
 * @param hibernate extra Hibernate properties
 */
@ConfigurationProperties("karta.database")
public record KartaDatabaseProperties(String dialect, SchemaMode schema, Map<String, String> hibernate) {

	public KartaDatabaseProperties {
		dialect = dialect == null ? "ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect" : dialect;
		schema = schema == null ? SchemaMode.UPDATE : schema;
		hibernate = hibernate == null ? new LinkedHashMap<>() : hibernate;
	}

	/** How the database schema is brought up to date at startup. */
	public enum SchemaMode {
		UPDATE,
		MIGRATE,
		VALIDATE,
		NONE
	}
}
