package se.karta.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * All legal rules, and running them.
 *
 * <p>Two ways to get one, finding the same rules: {@link #discover()} scans {@code se.karta.rules} (and
 * subpackages) for concrete {@link LegalRule} classes with Spring's
 * {@link ClassPathScanningCandidateComponentProvider} and instantiates them through their no-arg
 * constructors, without an application context; as a Spring bean, it receives the {@code @Component}
 * rules Spring found in the same package. Every rule class must therefore be a {@code @Component}
 * (checked by a unit test). Rules are kept sorted by id; ids must be unique.
 */
@Component
public class RuleRegistry {

    /** The package scanned for rules. */
    public static final String RULE_PACKAGE = "se.karta.rules";

    private static volatile List<LegalRule> discovered;

    private final List<LegalRule> rules;

    /** A registry of the given rules (Spring injects every {@code LegalRule} bean). */
    @Autowired
    public RuleRegistry(List<LegalRule> rules) {
        List<LegalRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(LegalRule::id));
        Set<String> ids = new HashSet<>();
        for (LegalRule r : sorted) {
            if (!ids.add(r.id())) {
                throw new IllegalStateException("Duplicate legal rule id " + r.id());
            }
        }
        this.rules = List.copyOf(sorted);
    }

    /** A registry of all rules found by classpath scanning (no Spring context needed). */
    public static RuleRegistry discover() {
        return new RuleRegistry(discoverRules());
    }

    /** New instances of every concrete {@link LegalRule} class in {@value #RULE_PACKAGE}; cached class list. */
    public static List<LegalRule> discoverRules() {
        List<LegalRule> cached = discovered;
        if (cached == null) {
            cached = scan();
            discovered = cached;
        }
        return cached;
    }

    /** The concrete rule classes found by scanning, sorted by name. */
    public static List<Class<? extends LegalRule>> discoverRuleClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(LegalRule.class));
        ClassLoader loader = RuleRegistry.class.getClassLoader();
        scanner.setResourceLoader(new org.springframework.core.io.DefaultResourceLoader(loader));
        List<Class<? extends LegalRule>> out = new ArrayList<>();
        for (BeanDefinition bd : scanner.findCandidateComponents(RULE_PACKAGE)) {
            Class<?> c = ClassUtils.resolveClassName(bd.getBeanClassName(), loader);
            if (LegalRule.class.isAssignableFrom(c)) {
                out.add(c.asSubclass(LegalRule.class));
            }
        }
        out.sort(Comparator.comparing(Class::getName));
        return out;
    }

    private static List<LegalRule> scan() {
        List<LegalRule> out = new ArrayList<>();
        for (Class<? extends LegalRule> c : discoverRuleClasses()) {
            out.add(BeanUtils.instantiateClass(c));
        }
        out.sort(Comparator.comparing(LegalRule::id));
        return List.copyOf(out);
    }

    /** All rules, sorted by id. */
    public List<LegalRule> rules() {
        return rules;
    }

    /** The rule with this id. */
    public Optional<LegalRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The rules that apply to this resource's type. */
    public List<LegalRule> rulesFor(Resource resource) {
        return rules.stream()
                .filter(r -> r.resourceTypes().stream().anyMatch(t -> t.isInstance(resource)))
                .toList();
    }

    /** Runs every applicable rule and returns all violations (in rule-id order). */
    public List<RuleViolation> check(Resource resource, RuleContext context) {
        List<RuleViolation> out = new ArrayList<>();
        for (LegalRule r : rulesFor(resource)) {
            out.addAll(r.check(resource, context));
        }
        return out;
    }
}
