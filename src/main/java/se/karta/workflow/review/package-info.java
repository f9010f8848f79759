/**
 * LSS 10 § st 2, the annual review: a scheduled job (and the system operation {@code $run-review-check})
 * creates one {@code review-due} Task per due plan, guarded against duplicates at the database; a plan
 * stored with a later {@code review.lastReviewed} completes its open {@code review-due} Tasks.
 */
package se.karta.workflow.review;
