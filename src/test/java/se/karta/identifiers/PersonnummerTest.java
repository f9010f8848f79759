package se.karta.identifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonnummerTest {

    @ParameterizedTest
    @ValueSource(strings = {"191212121212", "200002291235"})
    void validPersonnummer(String value) {
        assertTrue(Personnummer.check(value).isEmpty(), () -> Personnummer.check(value).toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "191212121213", // wrong check digit
        "1212121212", // 10 digits
        "19121212-1212", // separator
        "19121212121X",
        "200102291234", // 2001-02-29 does not exist (Luhn ok)
        "191212321218", // day 32 (Luhn ok)
        "191212721219", // a samordningsnummer, not a personnummer
    })
    void invalidPersonnummer(String value) {
        assertFalse(Personnummer.isValid(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"191212721219", "197010632383"})
    void validSamordningsnummer(String value) {
        assertTrue(Personnummer.checkSamordningsnummer(value).isEmpty(),
                () -> Personnummer.checkSamordningsnummer(value).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "191212121212", // day 12: personnummer, invalid as samordningsnummer
        "191212721218", // wrong check digit
        "191202901235", // day 90-60 = 30 Feb (Luhn ok)
        "191213721218", // month 13 (Luhn ok)
        "19121272121", // 11 digits
    })
    void invalidSamordningsnummer(String value) {
        assertFalse(Personnummer.isValidSamordningsnummer(value));
    }
}
