package se.karta.rules;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Static helpers for comparing FHIR references without a database.
 *
 * <p>A reference's <em>key</em> is {@code Type/id} for relative, absolute and versioned literal
 * references ({@code http://x/fhir/Organization/1/_history/2} → {@code Organization/1}); {@code urn:uuid:},
 * {@code urn:oid:} and contained ({@code #x}) references are kept as they are; a reference with only an
 * {@code identifier} is keyed by {@code type|system|value}. Two references are the same when their keys
 * are equal.
 */
public final class References {

    private References() {
    }

    /** The key of a literal reference string, or {@code null} when blank. */
    public static String key(String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        String ref = reference.trim();
        if (ref.startsWith("#") || ref.startsWith("urn:")) {
            return ref;
        }
        IdType id = new IdType(ref);
        if (id.hasResourceType() && id.hasIdPart()) {
            return id.getResourceType() + "/" + id.getIdPart();
        }
        return ref;
    }

    /** The key of a reference (literal, else the embedded resource's id, else the logical identifier), or {@code null}. */
    public static String key(Reference reference) {
        if (reference == null) {
            return null;
        }
        if (reference.hasReference()) {
            return key(reference.getReference());
        }
        if (reference.getResource() instanceof Resource r && r.hasIdElement() && !r.getIdElement().isEmpty()) {
            String k = key(r.getIdElement().getValue());
            if (k != null && !k.contains("/") && !k.startsWith("urn:") && !k.startsWith("#")) {
                k = r.fhirType() + "/" + k;
            }
            return k;
        }
        if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
            return "identifier:" + reference.getType() + "|" + reference.getIdentifier().getSystem() + "|"
                    + reference.getIdentifier().getValue();
        }
        return null;
    }

    /** The key of a resource's own id ({@code Type/id}), or {@code null} when it has none. */
    public static String key(Resource resource) {
        if (resource == null || !resource.hasIdElement() || resource.getIdElement().getIdPart() == null) {
            return null;
        }
        String idValue = resource.getIdElement().getValue();
        if (idValue.startsWith("urn:") || idValue.startsWith("#")) {
            return idValue;
        }
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    /**
     * The resource type named by a reference ({@code Reference.type}, else the literal's type), or
     * {@code null} when it cannot be told without resolving it (e.g. {@code urn:uuid:}).
     */
    public static String typeOf(Reference reference) {
        if (reference == null) {
            return null;
        }
        if (reference.hasReference()) {
            String ref = reference.getReference().trim();
            if (!ref.startsWith("#") && !ref.startsWith("urn:")) {
                IdType id = new IdType(ref);
                if (id.hasResourceType()) {
                    return id.getResourceType();
                }
            }
        }
        if (reference.hasType()) {
            String type = reference.getType();
            int slash = type.lastIndexOf('/');
            return slash >= 0 ? type.substring(slash + 1) : type;
        }
        if (reference.getResource() instanceof Resource r) {
            return r.fhirType();
        }
        return null;
    }

    /** True when both references have a key and the keys are equal. */
    public static boolean same(Reference a, Reference b) {
        String ka = key(a);
        return ka != null && ka.equals(key(b));
    }

    /** A human-readable form of a reference for messages. */
    public static String describe(Reference reference) {
        if (reference == null) {
            return "(ingen referens)";
        }
        if (reference.hasReference()) {
            return reference.getReference();
        }
        String k = key(reference);
        if (k != null) {
            return k;
        }
        if (reference.hasDisplay()) {
            return reference.getDisplay();
        }
        return "(tom referens)";
    }
}
