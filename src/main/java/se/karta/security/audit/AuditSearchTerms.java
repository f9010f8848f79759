package se.karta.security.audit;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * What an AuditEvent can be found by: the search parameters of {@link AuditEventProvider} and, for
 * each, the values one event is kept under in {@value AuditSchema#TERMS}. The same normalisation is
 * applied to the values of a search, so a search matches exactly what was kept.
 *
 * <ul>
 *   <li>references ({@code entity}, {@code agent}, {@code patient}): {@code Type/id}, no system;</li>
 *   <li>tokens ({@code outcome}, {@code action}, {@code type}, {@code subtype}) and identifiers
 *       ({@code entity:identifier}, {@code agent:identifier}): the code with its system (empty if
 *       none), so that {@code code} finds it in any system, {@code system|code} only in that one and
 *       {@code |code} only without one.</li>
 * </ul>
 */
final class AuditSearchTerms {

	static final String ENTITY = "entity";
	static final String AGENT = "agent";
	static final String PATIENT = "patient";
	static final String OUTCOME = "outcome";
	static final String ACTION = "action";
	static final String TYPE = "type";
	static final String SUBTYPE = "subtype";
	static final String IDENTIFIER = ":identifier";

	/** Search parameter name to what it means, for the CapabilityStatement. */
	static final Map<String, String> DOCUMENTATION = Map.of(
			ENTITY, "Reference (Type/id) of a resource the event is about; entity:identifier=system|value by identifier",
			AGENT, "Reference (Type/id) of an agent; agent:identifier=system|value by identifier (e.g. the organisation's HSA-id "
					+ "urn:oid:1.2.752.29.4.19|..., or the token subject)",
			PATIENT, "Reference (Patient/id) of the person whose data was accessed",
			OUTCOME, "0 success, 4 minor failure (denied), 8 serious failure, 12 major failure",
			ACTION, "C create, R read, U update, D delete, E execute (search, operation)",
			TYPE, "Event type, e.g. rest (http://terminology.hl7.org/CodeSystem/audit-event-type)",
			SUBTYPE, "The interaction, e.g. read, search-type, create, update, delete, transaction");

	private AuditSearchTerms() {}

	/** The (parameter, value) pairs an event is kept under; no pair twice. */
	static Set<Term> of(AuditEvent event) {
		Set<Term> terms = new LinkedHashSet<>();
		for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
			reference(terms, ENTITY, entity.getWhat());
		}
		for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
			reference(terms, AGENT, agent.getWho());
		}
		if (event.hasOutcome()) {
			token(terms, OUTCOME, event.getOutcome().getSystem(), event.getOutcome().toCode());
		}
		if (event.hasAction()) {
			token(terms, ACTION, event.getAction().getSystem(), event.getAction().toCode());
		}
		coding(terms, TYPE, event.getType());
		for (Coding subtype : event.getSubtype()) {
			coding(terms, SUBTYPE, subtype);
		}
		terms.removeIf(term -> term.value().length() > AuditSchema.MAX_TERM_LENGTH
				|| term.system().length() > AuditSchema.MAX_TERM_LENGTH);
		return terms;
	}

	/** {@code Type/id} of a reference as a client may write it (absolute, versioned), or null if it has no type. */
	static String normalisedReference(String reference) {
		if (reference == null || reference.isBlank() || reference.startsWith("#") || reference.startsWith("urn:")) {
			return null;
		}
		IdType id = new IdType(reference);
		if (!id.hasResourceType() || !id.hasIdPart()) {
			return null;
		}
		return id.getResourceType() + "/" + id.getIdPart();
	}

	private static void reference(Set<Term> terms, String param, Reference reference) {
		String normalised = normalisedReference(reference.getReference());
		if (normalised != null) {
			terms.add(new Term(param, "", normalised));
			if (normalised.startsWith("Patient/")) {
				terms.add(new Term(PATIENT, "", normalised));
			}
		}
		if (reference.hasIdentifier()) {
			Identifier identifier = reference.getIdentifier();
			token(terms, param + IDENTIFIER, identifier.getSystem(), identifier.getValue());
		}
	}

	private static void coding(Set<Term> terms, String param, Coding coding) {
		if (coding != null) {
			token(terms, param, coding.getSystem(), coding.getCode());
		}
	}

	private static void token(Set<Term> terms, String param, String system, String code) {
		if (code == null || code.isEmpty()) {
			return;
		}
		terms.add(new Term(param, system == null ? "" : system, code));
	}

	/** One row of {@value AuditSchema#TERMS}; {@code system} is empty for a reference or a code without one. */
	record Term(String param, String system, String value) {}
}
