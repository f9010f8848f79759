package se.karta.identifiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class HsaIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"SE2321000016-15RT", "SE2120001124-1", "SE2321000016-abc123",
        "SE2321000016-ABCDEFGHIJKLMNOPQRSTUVWXYZ01234"})
    void valid(String value) {
        assertTrue(HsaId.check(value).isEmpty(), () -> HsaId.check(value).toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "SE2321000017-15RT", // org nr fails Luhn
        "SE2321000016", // no suffix
        "SE2321000016-", // empty suffix
        "SE2321000016-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", // 32 characters
        "SE2321000016-15_RT",
        "se2321000016-15RT",
        "SE232100001-15RT",
        "2321000016-15RT",
    })
    void invalid(String value) {
        assertFalse(HsaId.isValid(value));
    }
}
