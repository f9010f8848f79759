/**
 * Rare-diagnosis support directory (issue 8): the Centres for rare diseases (CSD) at the university
 * hospitals, expert teams and expert resources, the European Reference Networks (ERN) and the link
 * collection per diagnosis, as standard FHIR resources (Organization, HealthcareService, Location,
 * DocumentReference) under the Karta profiles {@code karta-rare-diagnosis-centre},
 * {@code karta-expert-team}, {@code karta-ern} and {@code karta-information-link}.
 *
 * <ul>
 *   <li>{@link se.karta.directory.DirectoryLoader} loads the directory shipped in
 *       {@code src/main/resources/directory/} at startup, idempotently, by the directory key
 *       ({@value se.karta.directory.DirectoryTerms#DIRECTORY_KEY}).</li>
 *   <li>{@link se.karta.directory.RareDiagnosisSupportProvider} answers
 *       {@code GET /fhir/$rare-diagnosis-support?diagnosis=SYSTEM|CODE&region=…}.</li>
 * </ul>
 *
 * See {@code docs/rare-diagnosis.md} for the model decisions.
 */
package se.karta.directory;
