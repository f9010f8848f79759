/**
 * The audit trail (Patientdatalagen 4 kap. 3 §). {@link se.karta.security.audit.AuditCapture} makes an
 * AuditEvent in the shape of HAPI's BALP capture for every read, search, create, update and delete, and
 * {@link se.karta.security.audit.AuditRecorder} one for every denied attempt (401, 403, and any attempt
 * to write the trail). The {@link se.karta.security.audit.AuditWriter} stores them off the request
 * thread, in batches, in two append-only tables of their own ({@link se.karta.security.audit.AuditSchema}),
 * not as HAPI resources; {@link se.karta.security.audit.AuditEventProvider} serves them read-only at
 * {@code /fhir/AuditEvent}.
 */
package se.karta.security.audit;
