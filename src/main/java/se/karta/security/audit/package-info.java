/**
 * Audit logging (Patientdatalagen 4 kap. 3 §): HAPI's BALP capture writes an AuditEvent for every
 * read, search, create, update and delete; {@link se.karta.security.audit.AuditRecorder} adds one for
 * every denied attempt (401 and 403). Events are stored through the AuditEvent DAO off the request
 * thread, enriched with the organisation (HSA-id) the caller acts for.
 */
package se.karta.security.audit;
