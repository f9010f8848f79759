package se.karta.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The writer against a real (embedded) database: events are stored in batches, a database that is
 * away for a while loses none of them and stores none twice, and closing stores what is queued.
 */
class AuditWriterTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	/** The database, which refuses connections while {@link #down} is set. */
	private final OutageDataSource dataSource = new OutageDataSource();
	private AuditEventStore store;
	private AuditWriter writer;

	@BeforeEach
	void database() {
		AuditSchema.migrate(dataSource, DriverTypeEnum.H2_EMBEDDED);
		store = new AuditEventStore(dataSource, FHIR);
		writer = new AuditWriter(store, FHIR);
	}

	@AfterEach
	void close() throws Exception {
		writer.close();
	}

	@Test
	void submittedEventsAreStoredAndFoundByWhatTheyAreAbout() {
		String plan = "CarePlan/" + UUID.randomUUID();
		List<AuditEvent> events = events(plan, 1200);
		events.forEach(writer::submit);
		writer.flush(Duration.ofSeconds(30));

		assertThat(store.count(search(plan))).isEqualTo(1200);
		AuditEvent first = events.get(0);
		assertThat(store.read(first.getIdElement().getIdPart())).hasValueSatisfying(stored -> {
			assertThat(stored.getEntityFirstRep().getWhat().getReference()).isEqualTo(plan);
			assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
		});
	}

	@Test
	void aDatabaseOutageDelaysEventsButLosesAndDoublesNone() throws Exception {
		String plan = "CarePlan/" + UUID.randomUUID();
		dataSource.down = true;
		events(plan, 10).forEach(writer::submit);
		Thread.sleep(2500);
		assertThat(dataSource.refused).as("the writer kept trying").isGreaterThanOrEqualTo(2);
		dataSource.down = false;
		writer.flush(Duration.ofSeconds(30));

		assertThat(store.count(search(plan))).isEqualTo(10);
	}

	@Test
	void closingStoresWhatIsQueued() throws Exception {
		String plan = "CarePlan/" + UUID.randomUUID();
		events(plan, 300).forEach(writer::submit);
		writer.close();

		assertThat(store.count(search(plan))).isEqualTo(300);
	}

	private static AuditSearch search(String entity) {
		return AuditSearch.builder().term(AuditSearchTerms.ENTITY, List.of(AuditSearch.Value.reference(entity))).build();
	}

	private static List<AuditEvent> events(String entity, int count) {
		List<AuditEvent> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			AuditEvent event = new AuditEvent();
			event.setRecorded(new Date());
			event.setAction(AuditEvent.AuditEventAction.R).setOutcome(AuditEvent.AuditEventOutcome._0);
			event.addEntity().setWhat(new Reference(entity));
			events.add(event);
		}
		return events;
	}

	static final class OutageDataSource extends DelegatingDataSource {
		volatile boolean down;
		volatile int refused;

		OutageDataSource() {
			JdbcDataSource h2 = new JdbcDataSource();
			h2.setURL("jdbc:h2:mem:audit-writer-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			h2.setUser("sa");
			setTargetDataSource(h2);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (down) {
				refused++;
				throw new SQLTransientConnectionException("database away (test)");
			}
			return super.getConnection();
		}
	}
}
