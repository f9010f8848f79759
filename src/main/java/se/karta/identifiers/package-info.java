/**
 * Swedish identifier checks (CONTRACT section 1): {@link se.karta.identifiers.Personnummer} (also
 * samordningsnummer), {@link se.karta.identifiers.Organisationsnummer} and {@link se.karta.identifiers.HsaId}.
 * Pure static functions without FHIR or Spring dependencies; each {@code check} returns the reason a value
 * is invalid, or empty when it is valid. The identifier systems are constants on each class.
 */
package se.karta.identifiers;
