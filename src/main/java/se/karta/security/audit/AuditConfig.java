package se.karta.security.audit;

import ca.uhn.fhir.context.FhirContext;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.karta.security.SecurityProperties;
import se.karta.server.FhirServerContribution;
import se.karta.server.KartaDatabaseProperties;
import se.karta.server.KartaServerProperties;
import se.karta.server.NodeStartupLock;
import se.karta.server.SchemaMigration;

/**
 * The audit trail: its tables (brought up to date at startup, while this node holds the startup
 * lock), the background writer, the recorder the BALP capture and the security interceptors hand
 * events to, and the read-only {@code AuditEvent} endpoint.
 */
@Configuration
public class AuditConfig {

	@Bean
	public AuditEventStore auditEventStore(DataSource dataSource, FhirContext fhirContext, NodeStartupLock startupLock,
			KartaDatabaseProperties database) {
		if (database.schema() != KartaDatabaseProperties.SchemaMode.NONE) {
			AuditSchema.migrate(dataSource, SchemaMigration.driverFor(database.dialect()));
		}
		return new AuditEventStore(dataSource, fhirContext);
	}

	@Bean
	public AuditWriter auditWriter(AuditEventStore store, FhirContext fhirContext) {
		return new AuditWriter(store, fhirContext);
	}

	@Bean
	public AuditRecorder auditRecorder(AuditWriter writer, SecurityProperties properties) {
		return new AuditRecorder(writer, properties);
	}

	/** The read-only {@code AuditEvent} endpoint, and the BALP capture of every access (unless audit is off). */
	@Bean
	public FhirServerContribution auditTrail(AuditEventStore store, AuditRecorder recorder, FhirContext fhirContext,
			KartaServerProperties server, SecurityProperties security) {
		return restfulServer -> {
			restfulServer.registerProvider(new AuditEventProvider(store, server.defaultPageSize(), server.maxPageSize()));
			restfulServer.registerInterceptor(new AuditEventCapability());
			restfulServer.registerInterceptor(new AuditTrailIsReadOnly(recorder));
			if (security.audit().enabled()) {
				restfulServer.registerInterceptor(new AuditCapture(recorder, fhirContext));
			}
		};
	}
}
