package se.karta.rules.id;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.junit.jupiter.api.Test;

import se.karta.rules.KartaWorld;

class HsaIdRuleTest {

    private static final String ID = "ID-HSA";
    private final KartaWorld w = new KartaWorld();

    @Test
    void validIdentifiersPass() {
        assertPasses(w.region, w.ctx);
        assertPasses(w.kommun, w.ctx);
    }

    @Test
    void hsaIdWithBadOrganisationsnummerFails() {
        w.region.getIdentifierFirstRep().setValue("SE2321000017-15RT");
        assertOnly(ID, "Organization.identifier[0].value", w.region, w.ctx);
    }

    @Test
    void malformedHsaIdFails() {
        w.region.getIdentifierFirstRep().setValue("SE2321000016");
        assertOnly(ID, "Organization.identifier[0].value", w.region, w.ctx);
    }

    @Test
    void badOrganisationsnummerFails() {
        w.kommun.getIdentifierFirstRep().setValue("2120001125");
        assertOnly(ID, "Organization.identifier[0].value", w.kommun, w.ctx);
    }
}
