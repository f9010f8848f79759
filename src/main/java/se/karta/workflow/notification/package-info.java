/**
 * LSS 10 § st 3: the notification ({@code ip-notification} Task) to the principal that did not draw an
 * individual plan up, created when the plan first becomes active.
 */
package se.karta.workflow.notification;
