package se.karta.identifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OrganisationsnummerTest {

    @ParameterizedTest
    @ValueSource(strings = {"2321000016", "2120001124", "5560360793"})
    void valid(String value) {
        assertTrue(Organisationsnummer.check(value).isEmpty());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"2321000017", "232100001", "23210000160", "232100-0016", "SE2321000016", "23210000l6"})
    void invalid(String value) {
        assertFalse(Organisationsnummer.isValid(value));
    }
}
