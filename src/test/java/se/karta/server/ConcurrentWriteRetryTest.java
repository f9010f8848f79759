package se.karta.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.springframework.mock.web.MockHttpServletRequest;
import org.junit.jupiter.api.Test;

/** Which colliding writes are retried: a client's without If-Match; never one with it, never the server's own. */
class ConcurrentWriteRetryTest {

	private final ConcurrentWriteRetry retry = new ConcurrentWriteRetry();

	@Test
	void aClientWriteWithoutIfMatchIsRetried() {
		ResourceVersionConflictResolutionStrategy strategy = retry.retryUnversionedClientWrites(clientRequest(null));
		assertThat(strategy.isRetry()).isTrue();
		assertThat(strategy.getMaxRetries()).isEqualTo(ConcurrentWriteRetry.MAX_RETRIES);
	}

	@Test
	void aClientWriteWithIfMatchIsNotRetried() {
		assertThat(retry.retryUnversionedClientWrites(clientRequest("W/\"3\"")).isRetry()).isFalse();
	}

	@Test
	void theServersOwnWritesAreNotRetried() {
		assertThat(retry.retryUnversionedClientWrites(new SystemRequestDetails()).isRetry()).isFalse();
	}

	/** A PUT as it arrives from a client over HTTP, with the given If-Match (or none). */
	private static ServletRequestDetails clientRequest(String ifMatch) {
		MockHttpServletRequest http = new MockHttpServletRequest("PUT", "/fhir/Patient/1");
		if (ifMatch != null) {
			http.addHeader("If-Match", ifMatch);
		}
		ServletRequestDetails request = new ServletRequestDetails();
		request.setServletRequest(http);
		return request;
	}
}
