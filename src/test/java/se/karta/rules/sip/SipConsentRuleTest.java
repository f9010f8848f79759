package se.karta.rules.sip;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import se.karta.rules.KartaWorld;

class SipConsentRuleTest {

    private static final String ID = "SIP-CONSENT";
    private final KartaWorld w = new KartaWorld();

    @Test
    void activeSipWithActiveConsentToAllPrincipalsPasses() {
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void onHoldSipWithoutConsentFails() {
        w.sip.setStatus(CarePlan.CarePlanStatus.ONHOLD);
        w.sip.getSupportingInfo().clear();
        assertOnly(ID, "CarePlan.supportingInfo", w.sip, w.ctx);
    }

    @Test
    void draftSipWithoutConsentPasses() {
        w.sip.setStatus(CarePlan.CarePlanStatus.DRAFT);
        w.sip.getSupportingInfo().clear();
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void completedSipWithoutConsentIsNotChecked() {
        w.sip.setStatus(CarePlan.CarePlanStatus.COMPLETED);
        w.sip.getSupportingInfo().clear();
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void consentNotGivenToEveryPrincipalFails() {
        w.sipConsent.getOrganization().removeIf(r -> r.getReference().equals("Organization/kommun"));
        assertOnly(ID, "CarePlan.supportingInfo[0]", w.sip, w.ctx);
    }

    @Test
    void consentGivenViaAbsoluteReferencesCounts() {
        w.sipConsent.getOrganization().clear();
        w.sipConsent.addOrganization(new Reference("http://localhost:8080/fhir/Organization/region"));
        w.sipConsent.addOrganization(new Reference("Organization/kommun/_history/3"));
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void draftConsentWasNeverActiveFails() {
        w.sipConsent.setStatus(Consent.ConsentState.DRAFT);
        assertOnly(ID, "CarePlan.supportingInfo[0]", w.sip, w.ctx);
    }

    @Test
    void consentOfAnotherCategoryIsNoSipConsent() {
        w.sipConsent.getCategoryFirstRep().getCodingFirstRep().setCode("relative-participation");
        w.sipConsent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        assertOnly(ID, "CarePlan.supportingInfo", w.sip, w.ctx);
    }

    @Test
    void unresolvableConsentIsNamed() {
        w.sip.getSupportingInfo().clear();
        w.sip.addSupportingInfo(new Reference("Consent/missing"));
        // PLAN-SUBJECT also needs the consent and reports it; SIP-CONSENT names it
        var v = se.karta.rules.RuleAssertions.check(w.sip, w.ctx).stream()
                .filter(x -> x.ruleId().equals(ID)).toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, v.size(), v::toString);
        org.junit.jupiter.api.Assertions.assertEquals("CarePlan.supportingInfo[0]", v.get(0).expression());
        org.junit.jupiter.api.Assertions.assertTrue(v.get(0).messageSv().contains("Consent/missing"));
    }

    @Test
    void withdrawnConsentIsLeftToSipConsentWithdrawn() {
        w.sipConsent.setStatus(Consent.ConsentState.INACTIVE);
        assertOnly("SIP-CONSENT-WITHDRAWN", "CarePlan.status", w.sip, w.ctx);
    }

    @Test
    void aNewActiveConsentBesideAWithdrawnOnePasses() {
        w.sipConsent.setStatus(Consent.ConsentState.REJECTED);
        Consent renewed = w.sipConsent.copy();
        renewed.setId("Consent/renewed");
        renewed.setStatus(Consent.ConsentState.ACTIVE);
        w.ctx.add(renewed);
        w.sip.addSupportingInfo(new Reference("Consent/renewed"));
        assertPasses(w.sip, w.ctx);
    }

    @Test
    void principalRepresentedByPractitionerOnBehalfOfOrganizationMustBeCovered() {
        w.sipTeam.getParticipant().removeIf(p -> p.getMember().getReference().equals("Organization/kommun"));
        KartaWorld.participant(w.sipTeam, "principal", new Reference("Practitioner/social-worker"))
                .setOnBehalfOf(new Reference("Organization/kommun"));
        assertPasses(w.sip, w.ctx);
        w.sipConsent.getOrganization().removeIf(r -> r.getReference().equals("Organization/kommun"));
        assertOnly(ID, "CarePlan.supportingInfo[0]", w.sip, w.ctx);
    }
}
