package se.karta.workflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReviewCheckScheduleTest {

	/** Counts runs; the first one fails, which must not end the schedule. */
	private static final class CountingCheck extends ReviewCheck {
		final AtomicInteger runs = new AtomicInteger();
		final CountDownLatch three = new CountDownLatch(3);

		CountingCheck() {
			super(null, null, null, Duration.ofDays(30), java.time.Clock.systemUTC());
		}

		@Override
		public int run() {
			runs.incrementAndGet();
			three.countDown();
			if (runs.get() == 1) {
				throw new IllegalStateException("database not ready");
			}
			return 0;
		}
	}

	@Test
	void runsWithFixedDelayAndSurvivesAFailedRun() throws Exception {
		CountingCheck check = new CountingCheck();
		ReviewCheckSchedule schedule = new ReviewCheckSchedule(check, Duration.ZERO, Duration.ofMillis(20));
		schedule.start();
		try {
			assertThat(schedule.isRunning()).isTrue();
			assertThat(check.three.await(10, TimeUnit.SECONDS)).isTrue();
		} finally {
			schedule.stop();
		}
		assertThat(schedule.isRunning()).isFalse();
	}

	@Test
	void zeroIntervalSwitchesTheScheduleOff() throws Exception {
		CountingCheck check = new CountingCheck();
		ReviewCheckSchedule schedule = new ReviewCheckSchedule(check, Duration.ZERO, Duration.ZERO);
		schedule.start();
		Thread.sleep(100);
		assertThat(schedule.isRunning()).isFalse();
		assertThat(check.runs.get()).isZero();
	}
}
