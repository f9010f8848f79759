/**
 * Storage of the Tasks the server creates by itself (CONTRACT section 5): created once per
 * deterministic identifier through HAPI's DAOs, so they are enforced like any client write and guarded
 * against duplicates at the database; plus read access to the stored resources the workflow needs.
 */
package se.karta.workflow.tasks;
