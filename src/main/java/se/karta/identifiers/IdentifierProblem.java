package se.karta.identifiers;

/**
 * Why an identifier value is invalid.
 *
 * @param messageSv the reason in Swedish, for users
 * @param messageEn the reason in English, for diagnostics
 */
public record IdentifierProblem(String messageSv, String messageEn) {
}
