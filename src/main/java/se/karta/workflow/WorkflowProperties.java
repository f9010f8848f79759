package se.karta.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code karta.workflow.*}: what the server does by itself (CONTRACT section 5).
 *
 * @param enabled                 whether the server creates Tasks, ends relatives' participation and so on
 *                                (default true; off only for benchmarks of plain storage)
 * @param reviewCheckInterval     fixed delay between two runs of the annual-review check (default 1h;
 *                                zero switches the schedule off, {@code $run-review-check} still works)
 * @param reviewCheckInitialDelay delay from start-up to the first run (default 1m)
 * @param reviewDueWithin         a plan is due when {@code review.nextReview} is at most this far ahead (default 30d)
 */
@ConfigurationProperties("karta.workflow")
public record WorkflowProperties(
		Boolean enabled, Duration reviewCheckInterval, Duration reviewCheckInitialDelay, Duration reviewDueWithin) {

	public WorkflowProperties {
		enabled = enabled == null || enabled;
		reviewCheckInterval = reviewCheckInterval == null ? Duration.ofHours(1) : reviewCheckInterval;
		reviewCheckInitialDelay = reviewCheckInitialDelay == null ? Duration.ofMinutes(1) : reviewCheckInitialDelay;
		reviewDueWithin = reviewDueWithin == null ? Duration.ofDays(30) : reviewDueWithin;
	}
}
