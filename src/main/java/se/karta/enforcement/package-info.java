/**
 * Enforcement of Karta's profiles and legal rules on every write: create, update, patch,
 * conditional writes and every entry of a transaction or batch, and {@code $validate}. Owns the
 * storage interceptor, the database-backed {@link se.karta.rules.RuleContext}, and the single 422
 * OperationOutcome that names every failing profile element and rule of one request.
 */
package se.karta.enforcement;
