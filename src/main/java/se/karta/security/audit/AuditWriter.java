package se.karta.security.audit;

import ca.uhn.fhir.context.FhirContext;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores AuditEvents off the request thread: a queue, drained by one daemon thread into
 * {@link AuditEventStore} in batches of up to {@value #BATCH} events, one database transaction per
 * batch. The writer waits up to {@link #LINGER} after the first event of a batch for more to come, so
 * that a busy server commits a few batches a second rather than one transaction per request (an event
 * is searchable that much later; {@link #flush} does not wait). A batch the database refuses (an outage) is tried again every second for up to
 * {@link #RETRY_FOR}; after that its events are written to the log at ERROR level, in full, so that no
 * event disappears without a trace. A full queue (the database gone for long under load) does the same
 * with the new event.
 */
public class AuditWriter implements AutoCloseable {

	static final int BATCH = 500;
	static final int CAPACITY = 100_000;
	static final Duration RETRY_FOR = Duration.ofMinutes(1);
	static final Duration LINGER = Duration.ofMillis(250);

	private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

	private final AuditEventStore store;
	private final FhirContext fhirContext;
	private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(CAPACITY);
	private final AtomicLong submitted = new AtomicLong();
	private final AtomicLong done = new AtomicLong();
	/** Callers waiting in {@link #flush}: the writer stores what it has at once. */
	private final AtomicInteger flushing = new AtomicInteger();
	private final Thread thread;
	private volatile boolean closing;

	public AuditWriter(AuditEventStore store, FhirContext fhirContext) {
		this.store = store;
		this.fhirContext = fhirContext;
		this.thread = new Thread(this::run, "karta-audit");
		thread.setDaemon(true);
		thread.start();
	}

	/** Queues an event; it gets its id here, so that it is stored once even if a batch is tried again. */
	public void submit(AuditEvent event) {
		if (!event.getIdElement().hasIdPart()) {
			event.setId(UUID.randomUUID().toString());
		}
		if (!event.hasRecorded()) {
			event.setRecorded(new java.util.Date());
		}
		event.getMeta().setVersionId("1").setLastUpdated(event.getRecorded());
		submitted.incrementAndGet();
		if (closing || !queue.offer(event)) {
			done.incrementAndGet();
			logInFull("Audit queue full or closed, AuditEvent not stored", List.of(event));
		}
	}

	/** Waits until every event submitted before this call is stored (or logged as lost). */
	public void flush(Duration limit) {
		long target = submitted.get();
		long deadline = System.nanoTime() + limit.toNanos();
		flushing.incrementAndGet();
		try {
			while (done.get() < target) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("audit queue did not drain within " + limit);
				}
				Thread.sleep(5);
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			flushing.decrementAndGet();
		}
	}

	/** Stops taking events and stores what is queued, for at most ten seconds (called by Spring at shutdown). */
	@Override
	public void close() throws InterruptedException {
		close(Duration.ofSeconds(10));
	}

	/** Stops taking events, stores what is queued (for at most {@code limit}). */
	public void close(Duration limit) throws InterruptedException {
		closing = true;
		thread.join(limit.toMillis());
		if (!queue.isEmpty()) {
			List<AuditEvent> left = new ArrayList<>();
			queue.drainTo(left);
			logInFull("Shutting down before the audit queue was stored", left);
		}
	}

	private void run() {
		List<AuditEvent> batch = new ArrayList<>(BATCH);
		while (!closing || !queue.isEmpty()) {
			try {
				AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				collect(batch);
				store(batch);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			} catch (RuntimeException e) {
				log.error("Audit writer: {}", e.toString(), e);
			} finally {
				done.addAndGet(batch.size());
				batch.clear();
			}
		}
	}

	/** Adds what comes within {@link #LINGER} of the batch's first event, up to {@value #BATCH} events. */
	private void collect(List<AuditEvent> batch) throws InterruptedException {
		long deadline = System.nanoTime() + LINGER.toNanos();
		queue.drainTo(batch, BATCH - batch.size());
		while (batch.size() < BATCH && flushing.get() == 0 && !closing) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return;
			}
			AuditEvent next = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
			if (next != null) {
				batch.add(next);
				queue.drainTo(batch, BATCH - batch.size());
			}
		}
	}

	private void store(List<AuditEvent> batch) throws InterruptedException {
		long deadline = System.nanoTime() + RETRY_FOR.toNanos();
		while (true) {
			try {
				store.insert(batch);
				return;
			} catch (SQLException | RuntimeException e) {
				if (System.nanoTime() > deadline || closing) {
					logInFull("Could not store AuditEvents (" + e.getMessage() + ")", batch);
					return;
				}
				log.warn("Could not store {} AuditEvent(s), trying again: {}", batch.size(), e.getMessage());
				Thread.sleep(1000);
			}
		}
	}

	private void logInFull(String why, List<AuditEvent> events) {
		for (AuditEvent event : events) {
			log.error("{}: {}", why, fhirContext.newJsonParser().encodeResourceToString(event));
		}
	}
}
