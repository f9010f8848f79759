package se.karta.rules.id;

import static se.karta.rules.RuleAssertions.assertOnly;
import static se.karta.rules.RuleAssertions.assertPasses;

import org.junit.jupiter.api.Test;

import se.karta.terms.KartaTerms;
import se.karta.rules.KartaWorld;

class PersonnummerRuleTest {

    private static final String ID = "ID-PERSONNUMMER";
    private final KartaWorld w = new KartaWorld();

    @Test
    void validNumbersPass() {
        assertPasses(w.patient, w.ctx);
        assertPasses(w.otherPatient, w.ctx);
    }

    @Test
    void wrongCheckDigitFails() {
        w.patient.getIdentifierFirstRep().setValue("191212121213");
        assertOnly(ID, "Patient.identifier[0].value", w.patient, w.ctx);
    }

    @Test
    void samordningsnummerWithOrdinaryDayFails() {
        w.otherPatient.getIdentifierFirstRep().setValue("191212121212");
        assertOnly(ID, "Patient.identifier[0].value", w.otherPatient, w.ctx);
    }

    @Test
    void secondIdentifierIsCheckedAndReservnummerIsNot() {
        w.patient.addIdentifier().setSystem(KartaTerms.SYSTEM_RESERVNUMMER).setValue("X-anything");
        w.patient.addIdentifier().setSystem(KartaTerms.SYSTEM_PERSONNUMMER).setValue("19121212-1212");
        assertOnly(ID, "Patient.identifier[2].value", w.patient, w.ctx);
    }
}
