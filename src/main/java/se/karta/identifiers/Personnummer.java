package se.karta.identifiers;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Swedish personnummer and samordningsnummer in the 12-digit form {@code YYYYMMDDNNNC}, as in HL7
 * Sweden's base profiles (no separator, century included).
 *
 * <ul>
 * <li>personnummer: {@code YYYYMMDD} is a real calendar date;</li>
 * <li>samordningsnummer: the day is increased by 60 (61–91), and {@code YYYYMM(DD-60)} is a real date;
 * a day 01–31 is invalid for a samordningsnummer (and 61–91 for a personnummer);</li>
 * <li>both: the last digit is the Luhn check digit over the last 10 digits ({@code YYMMDDNNN}).</li>
 * </ul>
 * Dates in the future are not rejected here.
 */
public final class Personnummer {

    public static final String SYSTEM_PERSONNUMMER = "http://electronichealth.se/identifier/personnummer";
    public static final String SYSTEM_SAMORDNINGSNUMMER = "http://electronichealth.se/identifier/samordningsnummer";

    private Personnummer() {
    }

    /** Checks a personnummer; empty when valid. */
    public static Optional<IdentifierProblem> check(String value) {
        return check(value, false);
    }

    /** Checks a samordningsnummer; empty when valid. */
    public static Optional<IdentifierProblem> checkSamordningsnummer(String value) {
        return check(value, true);
    }

    public static boolean isValid(String value) {
        return check(value).isEmpty();
    }

    public static boolean isValidSamordningsnummer(String value) {
        return checkSamordningsnummer(value).isEmpty();
    }

    private static Optional<IdentifierProblem> check(String value, boolean samordning) {
        String kind = samordning ? "samordningsnummer" : "personnummer";
        if (value == null || !value.matches("\\d{12}")) {
            return Optional.of(new IdentifierProblem(
                    "Ett " + kind + " ska bestå av exakt 12 siffror (ÅÅÅÅMMDDNNNK) utan bindestreck.",
                    "A " + kind + " must be exactly 12 digits YYYYMMDDNNNC without separator, got '" + value + "'."));
        }
        int year = Integer.parseInt(value.substring(0, 4));
        int month = Integer.parseInt(value.substring(4, 6));
        int day = Integer.parseInt(value.substring(6, 8));
        if (samordning) {
            if (day < 61 || day > 91) {
                return Optional.of(new IdentifierProblem(
                        "I ett samordningsnummer ska dagen vara födelsedagen plus 60 (61–91).",
                        "A samordningsnummer's day must be the birth day + 60 (61-91), got " + value.substring(6, 8) + "."));
            }
            day -= 60;
        }
        try {
            LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return Optional.of(new IdentifierProblem(
                    "Datumdelen i " + kind + "et " + value + " är inte ett giltigt datum.",
                    "The date part of " + kind + " " + value + " is not a real calendar date."));
        }
        if (!Luhn.isValid(value.substring(2))) {
            return Optional.of(new IdentifierProblem(
                    "Kontrollsiffran i " + kind + "et " + value + " stämmer inte.",
                    "The Luhn check digit of " + kind + " " + value + " is wrong."));
        }
        return Optional.empty();
    }
}
