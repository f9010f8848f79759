/**
 * FHIR R4 REST-hook Subscriptions, so that EHR and social-care systems learn when a plan, its care
 * team or a Task for them changes. Owns HAPI's subscription wiring (matching on the node that made
 * the change, delivery with retries), who owns a Subscription, what its owner may be sent (full,
 * id-only or nothing, by the security rules), keeping the audit trail out of subscriptions, not
 * queueing changes no active Subscription could match, and making failed deliveries visible on the
 * Subscription.
 */
package se.karta.subscription;
