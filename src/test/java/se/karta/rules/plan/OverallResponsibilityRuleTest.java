package se.karta.rules.plan;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import se.karta.terms.KartaTerms;
import se.karta.rules.KartaWorld;

class OverallResponsibilityRuleTest {

    private static final String ID = "PLAN-OVERALL-RESPONSIBILITY";
    private static final String EXPR = "CarePlan.extension('" + KartaTerms.EXT_OVERALL_RESPONSIBILITY + "')";
    private final KartaWorld w = new KartaWorld();

    private void responsible(Reference org) {
        w.sip.getExtensionByUrl(KartaTerms.EXT_OVERALL_RESPONSIBILITY).setValue(org);
    }

    @Test
    void regionPrincipalPasses() {
        assertPasses(w.sip, w.ctx);
        responsible(new Reference("Organization/kommun"));
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void missingFails() {
        w.sip.getExtension().removeIf(e -> e.getUrl().equals(KartaTerms.EXT_OVERALL_RESPONSIBILITY));
        assertOnly(ID, EXPR, w.sip, w.ctx);
    }

    @Test
    void missingInDraftPasses() {
        w.sip.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.sip.getExtension().removeIf(e -> e.getUrl().equals(KartaTerms.EXT_OVERALL_RESPONSIBILITY));
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void twoFail() {
        w.sip.addExtension(KartaTerms.EXT_OVERALL_RESPONSIBILITY, new Reference("Organization/kommun"));
        assertOnly(ID, EXPR, w.sip, w.ctx);
    }

    @Test
    void stateAgencyFails() {
        responsible(new Reference("Organization/fk"));
        assertOnly(ID, EXPR, w.sip, w.ctx);
    }

    @Test
    void kommunThatIsNotPrincipalInTheTeamFails() {
        org.hl7.fhir.r4.model.Organization other = w.kommun.copy();
        other.setId("Organization/kommun2");
        w.ctx.add(other);
        KartaWorld.participant(w.sipTeam, "other-actor", new Reference("Organization/kommun2"));
        responsible(new Reference("Organization/kommun2"));
        assertOnly(ID, EXPR, w.sip, w.ctx);
    }

    @Test
    void unresolvableOrganisationIsNamed() {
        responsible(new Reference("Organization/gone"));
        var hit = assertOnly(ID, EXPR, w.sip, w.ctx);
        org.junit.jupiter.api.Assertions.assertTrue(hit.messageSv().contains("Organization/gone"));
    }
}
