package se.karta.rules;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A {@link RuleContext} over a simple map key → resource, with no database. Resources are keyed by
 * {@code Type/id}; a bundle entry's {@code fullUrl} is also accepted as an alias, so references to
 * {@code urn:uuid:...} resolve too (useful for {@code $validate} of a Bundle and for tests).
 *
 * <p>Not thread-safe; build one per request or test.
 */
public final class InMemoryRuleContext implements RuleContext {

    /** Swedish time: {@link #today()} is the date in this zone. */
    public static final ZoneId SWEDEN = ZoneId.of("Europe/Stockholm");

    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private Clock clock;

    /** An empty context on the system clock. */
    public InMemoryRuleContext() {
        this(Clock.system(SWEDEN));
    }

    /** An empty context on the given clock (use {@link Clock#fixed} in tests). */
    public InMemoryRuleContext(Clock clock) {
        this.clock = clock;
    }

    /** A context holding the given resources (each must have an id). */
    public static InMemoryRuleContext of(Resource... resources) {
        InMemoryRuleContext ctx = new InMemoryRuleContext();
        for (Resource r : resources) {
            ctx.add(r);
        }
        return ctx;
    }

    /** A context holding every entry resource of a bundle, keyed by id and by {@code fullUrl}. */
    public static InMemoryRuleContext fromBundle(Bundle bundle) {
        InMemoryRuleContext ctx = new InMemoryRuleContext();
        ctx.addBundle(bundle);
        return ctx;
    }

    /** Adds every entry resource of a bundle, keyed by id and by {@code fullUrl}. */
    public InMemoryRuleContext addBundle(Bundle bundle) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() != null) {
                add(entry.getFullUrl(), entry.getResource());
            }
        }
        return this;
    }

    /** Adds (or replaces) a resource under {@code Type/id}. */
    public InMemoryRuleContext add(Resource resource) {
        return add(null, resource);
    }

    /** Adds (or replaces) a resource under {@code Type/id} and, when given, its {@code fullUrl}. */
    public InMemoryRuleContext add(String fullUrl, Resource resource) {
        String idKey = References.key(resource);
        String urlKey = References.key(fullUrl);
        if (idKey == null && urlKey == null) {
            throw new IllegalArgumentException("Resource " + resource.fhirType() + " has neither id nor fullUrl");
        }
        String primary = idKey != null ? idKey : urlKey;
        resources.put(primary, resource);
        if (urlKey != null && !urlKey.equals(primary)) {
            aliases.put(urlKey, primary);
        }
        if (fullUrl != null && !fullUrl.equals(primary)) {
            aliases.put(fullUrl, primary);
        }
        return this;
    }

    /** Removes the resource stored under this key ({@code Type/id}). */
    public InMemoryRuleContext remove(String key) {
        resources.remove(canonical(key));
        return this;
    }

    /** Sets the clock (e.g. a fixed date for tests). */
    public InMemoryRuleContext withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Sets a fixed "today" (noon Swedish time). */
    public InMemoryRuleContext withToday(LocalDate today) {
        return withClock(Clock.fixed(today.atTime(12, 0).atZone(SWEDEN).toInstant(), SWEDEN));
    }

    /** All resources held, in insertion order. */
    public Collection<Resource> resources() {
        return Collections.unmodifiableCollection(resources.values());
    }

    private String canonical(String key) {
        if (key == null) {
            return null;
        }
        String alias = aliases.get(key);
        if (alias != null) {
            return alias;
        }
        String k = References.key(key);
        alias = aliases.get(k);
        return alias != null ? alias : k;
    }

    private String canonical(Reference reference) {
        if (reference == null) {
            return null;
        }
        if (reference.hasReference()) {
            String alias = aliases.get(reference.getReference().trim());
            if (alias != null) {
                return alias;
            }
        }
        return canonical(References.key(reference));
    }

    @Override
    public <T extends Resource> Optional<T> resolve(Reference reference, Class<T> type) {
        if (reference == null) {
            return Optional.empty();
        }
        if (type.isInstance(reference.getResource())) {
            return Optional.of(type.cast(reference.getResource()));
        }
        String key = canonical(reference);
        if (key == null) {
            return Optional.empty();
        }
        Resource r = resources.get(key);
        return type.isInstance(r) ? Optional.of(type.cast(r)) : Optional.empty();
    }

    @Override
    public List<Consent> consentsOf(Reference patient) {
        List<Consent> out = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (r instanceof Consent c && sameResource(c.getPatient(), patient)) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public boolean sameResource(Reference a, Reference b) {
        String ka = canonical(a);
        return ka != null && ka.equals(canonical(b));
    }

    @Override
    public LocalDate today() {
        return LocalDate.now(clock.withZone(SWEDEN));
    }

    @Override
    public Instant now() {
        return clock.instant();
    }
}
