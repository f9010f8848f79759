package se.karta.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * How rules look across resources: the resources of the same request (a transaction's entries, with
 * {@code urn:uuid:} references already rewritten to real ids) and the stored ones; request versions win
 * over stored ones. The server implements this against the database; {@link InMemoryRuleContext} is the
 * in-memory implementation for {@code $validate} of a Bundle and for tests.
 */
public interface RuleContext {

    /**
     * Resolves a reference to a resource of the given type. Empty when the reference is blank, cannot be
     * found, or names a resource of another type. Contained references ({@code #id}) are resolved by the
     * rules themselves against the resource being checked, not by the context.
     */
    <T extends Resource> Optional<T> resolve(Reference reference, Class<T> type);

    /** All Consents (any status, any category) whose {@code Consent.patient} is the given person. */
    List<Consent> consentsOf(Reference patient);

    /** Today's date in Sweden (Europe/Stockholm). */
    LocalDate today();

    /** The current instant; used to tell whether a {@code dateTime} such as {@code period.end} has passed. */
    default Instant now() {
        return Instant.now();
    }

    /**
     * Whether two references name the same resource. The default compares {@link References#key}; an
     * implementation that knows aliases (e.g. a bundle's {@code fullUrl}s) may do better.
     */
    default boolean sameResource(Reference a, Reference b) {
        return References.same(a, b);
    }
}
