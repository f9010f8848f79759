package se.karta.rules;

import se.karta.terms.KartaTerms;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;

/**
 * Builds the {@code rule} CodeSystem ({@code https://fhir.karta.se/CodeSystem/rule}) from
 * {@link RuleRegistry#discoverRules()}, so it never drifts from the rules: one concept per rule, code =
 * rule id, display = Swedish text, English designation, properties {@code legalSource} and {@code textEn}.
 */
public final class RuleCodeSystem {

    public static final String URL = KartaTerms.CS_RULE;
    public static final String VERSION = "0.1.0";
    public static final String PROPERTY_LEGAL_SOURCE = "legalSource";
    public static final String PROPERTY_TEXT_EN = "textEn";

    private RuleCodeSystem() {
    }

    /** A new CodeSystem resource (fresh instance on every call). */
    public static CodeSystem build() {
        CodeSystem cs = new CodeSystem();
        cs.setId("rule");
        cs.setUrl(URL);
        cs.setVersion(VERSION);
        cs.setName("KartaRule");
        cs.setTitle("Kartas lagregler");
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setExperimental(false);
        cs.setPublisher("Karta");
        cs.setLanguage("sv");
        cs.setDescription("De lagregler som Karta kontrollerar när planer, planeringsgrupper, samtycken, uppgifter, "
                + "personer och organisationer skrivs. / The legal rules Karta enforces on writes; each OperationOutcome "
                + "issue of a rule violation carries its code.");
        cs.setCaseSensitive(true);
        cs.setValueSet(KartaTerms.BASE + "/ValueSet/rule");
        cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        cs.addProperty()
                .setCode(PROPERTY_LEGAL_SOURCE)
                .setUri(URL + "#" + PROPERTY_LEGAL_SOURCE)
                .setDescription("Rättskälla / legal source")
                .setType(CodeSystem.PropertyType.STRING);
        cs.addProperty()
                .setCode(PROPERTY_TEXT_EN)
                .setUri(URL + "#" + PROPERTY_TEXT_EN)
                .setDescription("What the rule requires, in English")
                .setType(CodeSystem.PropertyType.STRING);
        for (LegalRule rule : RuleRegistry.discoverRules()) {
            CodeSystem.ConceptDefinitionComponent c = cs.addConcept()
                    .setCode(rule.id())
                    .setDisplay(rule.textSv())
                    .setDefinition(rule.textSv() + " (" + rule.legalSource() + ")");
            c.addDesignation()
                    .setLanguage("en")
                    .setUse(new Coding("http://terminology.hl7.org/CodeSystem/designation-usage", "display", "Display"))
                    .setValue(rule.textEn());
            c.addProperty().setCode(PROPERTY_LEGAL_SOURCE).setValue(new org.hl7.fhir.r4.model.StringType(rule.legalSource()));
            c.addProperty().setCode(PROPERTY_TEXT_EN).setValue(new org.hl7.fhir.r4.model.StringType(rule.textEn()));
        }
        cs.setCount(cs.getConcept().size());
        return cs;
    }
}
