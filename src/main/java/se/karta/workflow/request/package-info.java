/**
 * The person's own request for an individual plan ({@code ip-request} Questionnaire): incomplete
 * submitted responses are rejected naming every missing answer; a complete one becomes an
 * {@code ip-request} Task for the chosen principal.
 */
package se.karta.workflow.request;
