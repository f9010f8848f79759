package se.karta.identifiers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HSA-id: {@code SE} + the 10-digit organisationsnummer of the issuing organisation + {@code -} + 1..31
 * letters or digits (e.g. {@code SE2321000016-15RT}).
 *
 * <p>Decision: the embedded organisationsnummer must pass its Luhn check, because HSA-ids embed real
 * organisation numbers ({@link Organisationsnummer#check}). The suffix accepts ASCII letters of either case
 * and digits.
 */
public final class HsaId {

    public static final String SYSTEM = "urn:oid:1.2.752.29.4.19";

    private static final Pattern FORM = Pattern.compile("SE(\\d{10})-[A-Za-z0-9]{1,31}");

    private HsaId() {
    }

    /** Checks an HSA-id; empty when valid. */
    public static Optional<IdentifierProblem> check(String value) {
        Matcher m = value == null ? null : FORM.matcher(value);
        if (m == null || !m.matches()) {
            return Optional.of(new IdentifierProblem(
                    "Ett HSA-id ska ha formen SE + 10 siffror (organisationsnummer) + bindestreck + 1–31 bokstäver eller siffror.",
                    "An HSA-id must be 'SE' + 10-digit organisationsnummer + '-' + 1..31 letters/digits, got '" + value + "'."));
        }
        String orgnr = m.group(1);
        if (!Luhn.isValid(orgnr)) {
            return Optional.of(new IdentifierProblem(
                    "Organisationsnumret " + orgnr + " i HSA-id " + value + " har fel kontrollsiffra.",
                    "The organisationsnummer " + orgnr + " embedded in HSA-id " + value + " fails its Luhn check."));
        }
        return Optional.empty();
    }

    public static boolean isValid(String value) {
        return check(value).isEmpty();
    }
}
