package se.karta.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Type-safe base of a {@link LegalRule}: subclasses pass their metadata to the constructor, keep a
 * public no-arg constructor themselves, and implement {@link #verify}.
 *
 * @param <T> the resource type the rule applies to
 */
public abstract class AbstractLegalRule<T extends Resource> implements LegalRule {

    private final String id;
    private final Class<T> type;
    private final String legalSource;
    private final String textSv;
    private final String textEn;

    protected AbstractLegalRule(String id, Class<T> type, String legalSource, String textSv, String textEn) {
        this.id = Objects.requireNonNull(id);
        this.type = Objects.requireNonNull(type);
        this.legalSource = Objects.requireNonNull(legalSource);
        this.textSv = Objects.requireNonNull(textSv);
        this.textEn = Objects.requireNonNull(textEn);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String legalSource() {
        return legalSource;
    }

    @Override
    public final String textSv() {
        return textSv;
    }

    @Override
    public final String textEn() {
        return textEn;
    }

    @Override
    public final Class<T> appliesTo() {
        return type;
    }

    @Override
    public final List<RuleViolation> check(Resource resource, RuleContext context) {
        if (!type.isInstance(resource)) {
            return List.of();
        }
        List<RuleViolation> out = new ArrayList<>();
        verify(type.cast(resource), context, out);
        return List.copyOf(out);
    }

    /** Checks one resource of the rule's type, adding every violation to {@code out}. */
    protected abstract void verify(T resource, RuleContext context, List<RuleViolation> out);

    /** A violation of this rule. */
    protected final RuleViolation violation(String messageSv, String diagnosticsEn, String expression) {
        return new RuleViolation(id, messageSv, diagnosticsEn, expression);
    }

    /**
     * Resolves a reference made by {@code owner}: a contained reference ({@code #id}) against the owner's
     * contained resources, anything else through the context.
     */
    public static <X extends Resource> Optional<X> resolve(Resource owner, Reference reference, Class<X> type,
            RuleContext context) {
        if (reference == null) {
            return Optional.empty();
        }
        if (reference.hasReference() && reference.getReference().startsWith("#")
                && owner instanceof DomainResource dr) {
            String wanted = reference.getReference().substring(1);
            for (Resource c : dr.getContained()) {
                String cid = c.getIdElement().getIdPart();
                if (cid != null && (cid.equals(wanted) || cid.equals("#" + wanted)) && type.isInstance(c)) {
                    return Optional.of(type.cast(c));
                }
            }
            return Optional.empty();
        }
        return context.resolve(reference, type);
    }
}
