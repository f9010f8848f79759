package se.karta.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import se.karta.security.audit.AuditSearchTerms.Term;

/** What an AuditEvent is kept under, and how a reference in a search is read. */
class AuditSearchTermsTest {

	@Test
	void referencesTokensAndIdentifiersAreKeptAsTheyAreSearched() {
		AuditEvent event = new AuditEvent();
		event.setAction(AuditEvent.AuditEventAction.R).setOutcome(AuditEvent.AuditEventOutcome._0);
		event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", null));
		event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", "read", null));
		event.addEntity().setWhat(new Reference("http://karta.example/fhir/CarePlan/7/_history/3"));
		event.addEntity().setWhat(new Reference("Patient/5"));
		event.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setValue("request-1")));
		event.addAgent().setWho(new Reference().setIdentifier(
				new Identifier().setSystem("urn:oid:1.2.752.29.4.19").setValue("SE2321000016-KARTA1")));

		Set<Term> terms = AuditSearchTerms.of(event);

		assertThat(terms).containsExactlyInAnyOrder(
				new Term("entity", "", "CarePlan/7"),
				new Term("entity", "", "Patient/5"),
				new Term("patient", "", "Patient/5"),
				new Term("entity:identifier", "", "request-1"),
				new Term("agent:identifier", "urn:oid:1.2.752.29.4.19", "SE2321000016-KARTA1"),
				new Term("action", "http://hl7.org/fhir/audit-event-action", "R"),
				new Term("outcome", "http://hl7.org/fhir/audit-event-outcome", "0"),
				new Term("type", "http://terminology.hl7.org/CodeSystem/audit-event-type", "rest"),
				new Term("subtype", "http://hl7.org/fhir/restful-interaction", "read"));
	}

	@Test
	void theSameValueTwiceIsKeptOnce() {
		AuditEvent event = new AuditEvent();
		event.addEntity().setWhat(new Reference("Patient/5"));
		event.addEntity().setWhat(new Reference("Patient/5/_history/2"));

		assertThat(AuditSearchTerms.of(event))
				.containsExactly(new Term("entity", "", "Patient/5"), new Term("patient", "", "Patient/5"));
	}

	@Test
	void aValueTooLongToIndexIsLeftOut() {
		AuditEvent event = new AuditEvent();
		event.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setValue("x".repeat(600))));

		assertThat(AuditSearchTerms.of(event)).isEmpty();
	}

	@Test
	void referencesNeedATypeAndAnId() {
		assertThat(AuditSearchTerms.normalisedReference("CarePlan/7")).isEqualTo("CarePlan/7");
		assertThat(AuditSearchTerms.normalisedReference("https://x.example/fhir/CarePlan/7/_history/1")).isEqualTo("CarePlan/7");
		assertThat(AuditSearchTerms.normalisedReference("7")).isNull();
		assertThat(AuditSearchTerms.normalisedReference("urn:uuid:0f8c4c1e-6c0e-4c55-a4a7-0a3e0b6b9d0e")).isNull();
		assertThat(AuditSearchTerms.normalisedReference("#contained")).isNull();
	}
}
