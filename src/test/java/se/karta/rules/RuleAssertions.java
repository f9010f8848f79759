package se.karta.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.Resource;

/** Runs every discovered rule and asserts on the result, so disjointness is tested too. */
public final class RuleAssertions {

    public static final RuleRegistry REGISTRY = RuleRegistry.discover();

    private RuleAssertions() {
    }

    public static List<RuleViolation> check(Resource r, RuleContext ctx) {
        return REGISTRY.check(r, ctx);
    }

    /** No rule at all fails for this resource. */
    public static void assertPasses(Resource r, RuleContext ctx) {
        List<RuleViolation> v = check(r, ctx);
        assertTrue(v.isEmpty(), () -> "expected no violations for " + r.getIdElement().getValue() + " but got " + v);
    }

    /** Exactly this rule fails (possibly more than once) and one of its violations has this expression. */
    public static RuleViolation assertOnly(String ruleId, String expression, Resource r, RuleContext ctx) {
        List<RuleViolation> v = check(r, ctx);
        Set<String> ids = v.stream().map(RuleViolation::ruleId).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(Set.of(ruleId), ids, () -> "violations: " + v);
        RuleViolation hit = v.stream().filter(x -> x.expression().equals(expression)).findFirst().orElse(null);
        assertTrue(hit != null, () -> "no violation with expression " + expression + " in " + v);
        assertTrue(!hit.messageSv().isBlank() && !hit.diagnosticsEn().isBlank());
        return hit;
    }
}
