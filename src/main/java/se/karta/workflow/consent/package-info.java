/**
 * What follows from the person's consents (CONTRACT section 5): a withdrawn {@code sip-consent} gives
 * each plan's overall-responsible organisation a {@code consent-withdrawn} Task; an objection to relatives
 * ends the covered relatives' participation in the person's stored care teams. Both happen in the same
 * database transaction as the consent.
 */
package se.karta.workflow.consent;
