package se.karta.server;

import java.util.LinkedHashMap;
import java.util.Map;
import ca.uhn.fhir.jpa.model.entity.StorageSettings.TagStorageModeEnum;
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
 * @param tagStorage how HAPI stores tags and {@code meta.profile}: {@code INLINE} (in the resource
 *     body; the {@code postgres} profile's choice, because with shared tag rows concurrent writes
 *     that declare {@code meta.profile} can fail while the rules read stored resources) or
 *     {@code VERSIONED} (HAPI's default; the embedded H2 default, where INLINE trips HAPI's
 *     validation of server-side updates)
 */
@ConfigurationProperties("karta.database")
public record KartaDatabaseProperties(
		String dialect, SchemaMode schema, Map<String, String> hibernate, TagStorageModeEnum tagStorage) {

	public KartaDatabaseProperties {
		tagStorage = tagStorage == null ? TagStorageModeEnum.VERSIONED : tagStorage;
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
