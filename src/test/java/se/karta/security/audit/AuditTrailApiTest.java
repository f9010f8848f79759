package se.karta.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.karta.support.KartaApiTest;

/**
 * The audit trail under load: events that queue up while the writer is busy are stored together, in
 * shared FHIR transactions, and none is lost; a group that cannot be stored as a whole (one event names
 * a resource that does not exist) is stored event by event, the bad reference kept as an identifier.
 */
class AuditTrailApiTest extends KartaApiTest {

	@Autowired
	AuditRecorder audit;

	@Test
	void queuedEventsAreStoredTogetherAndNoneIsLost() {
		String site = "grouping-" + UUID.randomUUID();
		int count = 3 * AuditRecorder.MAX_GROUP / 2;
		for (int i = 0; i < count; i++) {
			audit.recordAuditEvent(event(site, null));
		}
		audit.flush();

		List<AuditEvent> stored = storedAt(site);
		assertThat(stored).hasSize(count);
		// a FHIR transaction stamps all its resources with one time: far fewer times than events means
		// they were stored in groups, not one create each
		Set<Date> storedAt = stored.stream().map(e -> e.getMeta().getLastUpdated()).collect(Collectors.toSet());
		assertThat(storedAt.size()).as("distinct storage times of %s events", count).isLessThanOrEqualTo(count / 10);
	}

	@Test
	void aGroupThatCannotBeStoredWholeIsStoredEventByEvent() {
		String site = "fallback-" + UUID.randomUUID();
		String missing = "CarePlan/does-not-exist-" + UUID.randomUUID();
		for (int i = 0; i < 30; i++) {
			audit.recordAuditEvent(event(site, i == 17 ? missing : null));
		}
		audit.flush();

		List<AuditEvent> stored = storedAt(site);
		assertThat(stored).hasSize(30);
		assertThat(stored).filteredOn(e -> e.getEntity().stream().anyMatch(entity -> missing.equals(
						entity.getWhat().getIdentifier().getValue()) && !entity.getWhat().hasReference()))
				.as("the event naming a missing resource, kept with the reference as an identifier")
				.hasSize(1);
	}

	private List<AuditEvent> storedAt(String site) {
		Bundle found = http().get("/fhir/AuditEvent?site=" + site + "&_count=500").bundle();
		return found.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
	}

	private static AuditEvent event(String site, String entityReference) {
		AuditEvent event = new AuditEvent();
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "Restful Operation"));
		event.setAction(AuditEvent.AuditEventAction.R);
		event.setRecorded(new Date());
		event.setOutcome(AuditEvent.AuditEventOutcome._0);
		event.getSource().setSite(site).setObserver(new Reference().setDisplay("Karta"));
		event.addAgent().setRequestor(true).setWho(new Reference().setDisplay("test"));
		if (entityReference != null) {
			event.addEntity().setWhat(new Reference(entityReference));
		}
		return event;
	}
}
