package se.karta.rules.sip;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import se.karta.rules.KartaWorld;

class SipConsentWithdrawnRuleTest {

    private static final String ID = "SIP-CONSENT-WITHDRAWN";
    private final KartaWorld w = new KartaWorld();

    @ParameterizedTest
    @EnumSource(value = CarePlan.CarePlanStatus.class, names = {"ACTIVE", "ONHOLD", "DRAFT"})
    void withdrawnConsentHoldsAPlanThatIsNotEnded(CarePlan.CarePlanStatus status) {
        w.sip.setStatus(status);
        w.sipConsent.setStatus(Consent.ConsentState.REJECTED);
        assertOnly(ID, "CarePlan.status", w.sip, w.ctx);
    }

    @ParameterizedTest
    @EnumSource(value = CarePlan.CarePlanStatus.class, names = {"REVOKED", "COMPLETED", "ENTEREDINERROR"})
    void withdrawnConsentAllowsEndingThePlan(CarePlan.CarePlanStatus status) {
        w.sip.setStatus(status);
        w.sipConsent.setStatus(Consent.ConsentState.INACTIVE);
        assertPasses(w.sip, w.ctx);
    }

    @ParameterizedTest
    @EnumSource(value = Consent.ConsentState.class, names = {"ACTIVE"})
    void activeConsentPasses(Consent.ConsentState state) {
        w.sipConsent.setStatus(state);
        assertPasses(w.sip, w.ctx);
    }
}
