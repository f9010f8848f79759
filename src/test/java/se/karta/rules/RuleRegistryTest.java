package se.karta.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.context.FhirContext;

class RuleRegistryTest {

    static final Set<String> CONTRACT_IDS = Set.of("SIP-CONSENT", "SIP-PRINCIPALS", "PLAN-CONTENT",
            "PLAN-OVERALL-RESPONSIBILITY", "PLAN-RELATIVES", "PLAN-PARTICIPATION", "PLAN-SUBJECT",
            "SIP-DUTY-TO-PARTICIPATE", "SIP-CONSENT-WITHDRAWN", "LSS-PERSONKRETS", "LSS-DECISION",
            "LSS-ANNUAL-REVIEW", "LSS-PRINCIPALS", "ID-PERSONNUMMER", "ID-HSA");

    @Test
    void discoversExactlyTheContractRules() {
        List<LegalRule> rules = RuleRegistry.discover().rules();
        assertEquals(CONTRACT_IDS, rules.stream().map(LegalRule::id).collect(Collectors.toSet()));
        assertEquals(CONTRACT_IDS.size(), rules.size());
    }

    @Test
    void everyRuleClassIsASpringComponentWithNoArgConstructorAndMetadata() throws Exception {
        for (Class<? extends LegalRule> c : RuleRegistry.discoverRuleClasses()) {
            assertNotNull(c.getAnnotation(Component.class), c + " must be a @Component so Spring injects it too");
            LegalRule r = c.getConstructor().newInstance();
            assertFalse(r.legalSource().isBlank(), c.getName());
            assertFalse(r.textSv().isBlank(), c.getName());
            assertFalse(r.textEn().isBlank(), c.getName());
            assertTrue(r.id().matches("[A-Z]+(-[A-Z]+)+"), r.id());
        }
    }

    @Test
    void runsAllApplicableRulesAndReportsEveryViolation() {
        KartaWorld w = new KartaWorld();
        w.sip.getActivity().clear();
        w.sip.getExtension().clear();
        List<RuleViolation> v = RuleRegistry.discover().check(w.sip, w.ctx);
        Set<String> ids = v.stream().map(RuleViolation::ruleId).collect(Collectors.toSet());
        assertEquals(Set.of("PLAN-CONTENT", "PLAN-OVERALL-RESPONSIBILITY", "PLAN-PARTICIPATION"), ids, v::toString);
    }

    @Test
    void relativesRuleAppliesToCareTeamAndCarePlan() {
        RuleRegistry registry = RuleRegistry.discover();
        assertTrue(registry.rulesFor(new CareTeam()).stream().anyMatch(r -> r.id().equals("PLAN-RELATIVES")));
        assertTrue(registry.rulesFor(new CarePlan()).stream().anyMatch(r -> r.id().equals("PLAN-RELATIVES")));
    }

    @Test
    void duplicateIdsAreRefused() {
        List<LegalRule> twice = List.of(new se.karta.rules.id.HsaIdRule(), new se.karta.rules.id.HsaIdRule());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> new RuleRegistry(twice));
    }

    @Test
    void codeSystemHasOneConceptPerRule() {
        CodeSystem cs = RuleCodeSystem.build();
        assertEquals("https://fhir.karta.se/CodeSystem/rule", cs.getUrl());
        assertEquals("0.1.0", cs.getVersion());
        assertEquals(CONTRACT_IDS, cs.getConcept().stream().map(CodeSystem.ConceptDefinitionComponent::getCode)
                .collect(Collectors.toSet()));
        assertEquals(CONTRACT_IDS.size(), cs.getConcept().size());
        assertEquals(CONTRACT_IDS.size(), cs.getCount());
        for (CodeSystem.ConceptDefinitionComponent c : cs.getConcept()) {
            assertTrue(c.hasDisplay());
            assertEquals("en", c.getDesignationFirstRep().getLanguage());
            assertEquals(Set.of("legalSource", "textEn"),
                    c.getProperty().stream().map(CodeSystem.ConceptPropertyComponent::getCode).collect(Collectors.toSet()));
        }
        // serialisable
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(cs);
        assertTrue(json.contains("SIP-CONSENT"));
    }

    @Test
    void codeSystemIsCallableReflectively() throws Exception {
        Object cs = Class.forName("se.karta.rules.RuleCodeSystem").getMethod("build").invoke(null);
        assertTrue(cs instanceof CodeSystem);
    }

    @Test
    void inMemoryContextResolvesBundleFullUrls() {
        KartaWorld w = new KartaWorld();
        org.hl7.fhir.r4.model.Bundle b = new org.hl7.fhir.r4.model.Bundle();
        CareTeam team = w.sipTeam.copy();
        team.setId((String) null);
        b.addEntry().setFullUrl("urn:uuid:11111111-1111-1111-1111-111111111111").setResource(team);
        b.addEntry().setFullUrl("http://localhost:8080/fhir/Organization/region").setResource(w.region);
        InMemoryRuleContext ctx = InMemoryRuleContext.fromBundle(b);
        assertTrue(ctx.resolve(new Reference("urn:uuid:11111111-1111-1111-1111-111111111111"), CareTeam.class).isPresent());
        assertTrue(ctx.resolve(new Reference("Organization/region"), org.hl7.fhir.r4.model.Organization.class).isPresent());
        assertFalse(ctx.resolve(new Reference("Organization/region"), CareTeam.class).isPresent());
    }
}
