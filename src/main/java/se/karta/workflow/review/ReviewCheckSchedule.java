package se.karta.workflow.review;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link ReviewCheck} with a fixed delay ({@code karta.workflow.review-check-interval}) on its own
 * single daemon thread. Deliberately not Spring's {@code @EnableScheduling}: HAPI brings its own Quartz
 * scheduler and task executors, and Karta's one job needs none of that. Nodes need no coordination; the
 * database guards against duplicate Tasks (see {@link ReviewCheck}). A zero or negative interval switches
 * the schedule off ({@code $run-review-check} still works).
 */
public class ReviewCheckSchedule implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ReviewCheckSchedule.class);

	private final ReviewCheck check;
	private final Duration initialDelay;
	private final Duration interval;
	private ScheduledExecutorService executor;

	public ReviewCheckSchedule(ReviewCheck check, Duration initialDelay, Duration interval) {
		this.check = check;
		this.initialDelay = initialDelay;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (executor != null || interval.isZero() || interval.isNegative()) {
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "karta-review-check");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::runOnce, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		log.info("Review check scheduled every {} (first after {})", interval, initialDelay);
	}

	private void runOnce() {
		try {
			check.run();
		} catch (RuntimeException e) {
			// never let one failed run end the schedule
			log.warn("Review check failed; next run in {}", interval, e);
		}
	}

	@Override
	public synchronized void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return executor != null;
	}
}
