package se.karta.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Serialises the startup of nodes that share one PostgreSQL database. Several steps of a first start
 * on an empty database are not safe to run twice at the same moment (HAPI creates its migration
 * table and fills its resource-type table without a lock; Karta installs its package). The node
 * takes a session-level advisory lock before its persistence unit starts and lets go once it is
 * ready (or fails), so the next node finds everything in place. On H2 (one node) it does nothing.
 */
public class NodeStartupLock implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Logger LOG = LoggerFactory.getLogger(NodeStartupLock.class);
	/** Arbitrary, fixed: the advisory lock every Karta node takes while it starts. */
	static final long ADVISORY_LOCK_KEY = 0x4B61727461L;

	private Connection connection;

	public NodeStartupLock(DataSource dataSource, KartaDatabaseProperties database) {
		if (!database.dialect().contains("Postgres")) {
			return;
		}
		try {
			connection = dataSource.getConnection();
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK_KEY + ")");
			}
			LOG.info("Holding the node startup lock");
		} catch (SQLException e) {
			throw new IllegalStateException("Could not take the node startup lock: " + e.getMessage(), e);
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		release();
	}

	@Override
	public void destroy() {
		release();
	}

	private synchronized void release() {
		if (connection == null) {
			return;
		}
		try (Connection held = connection; Statement statement = held.createStatement()) {
			statement.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK_KEY + ")");
			LOG.info("Released the node startup lock");
		} catch (SQLException e) {
			LOG.warn("Could not release the node startup lock (it ends with the session): {}", e.getMessage());
		} finally {
			connection = null;
		}
	}
}
