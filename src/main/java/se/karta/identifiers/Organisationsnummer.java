package se.karta.identifiers;

import java.util.Optional;

/**
 * Swedish organisationsnummer: exactly 10 digits (no hyphen, as in HL7 Sweden's base profiles), the last
 * a Luhn check digit. The "third digit at least 2" convention of legal persons is not enforced, because a
 * sole trader's organisationsnummer is the owner's personnummer.
 */
public final class Organisationsnummer {

    public static final String SYSTEM = "urn:oid:2.5.4.97";

    private Organisationsnummer() {
    }

    /** Checks an organisationsnummer; empty when valid. */
    public static Optional<IdentifierProblem> check(String value) {
        if (value == null || !value.matches("\\d{10}")) {
            return Optional.of(new IdentifierProblem(
                    "Ett organisationsnummer ska bestå av exakt 10 siffror utan bindestreck.",
                    "An organisationsnummer must be exactly 10 digits without separator, got '" + value + "'."));
        }
        if (!Luhn.isValid(value)) {
            return Optional.of(new IdentifierProblem(
                    "Kontrollsiffran i organisationsnumret " + value + " stämmer inte.",
                    "The Luhn check digit of organisationsnummer " + value + " is wrong."));
        }
        return Optional.empty();
    }

    public static boolean isValid(String value) {
        return check(value).isEmpty();
    }
}
