/**
 * Karta's conformance layer: the FHIR profiles, extensions, terminology and search parameters
 * (the {@code se.karta.fhir} package), its build-time packaging ({@link se.karta.profiles.IgPackageBuilder}),
 * loading it at run time ({@link se.karta.profiles.KartaPackage}), the validation support chain
 * ({@link se.karta.profiles.KartaValidationSupport}) and profile validation of single resources
 * ({@link se.karta.profiles.ProfileValidator}).
 *
 * <p>Legal business rules (contract section 4) are not here; they live in {@code se.karta.rules}.
 */
package se.karta.profiles;
