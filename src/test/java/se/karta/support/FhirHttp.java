package se.karta.support;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * A thin FHIR-over-HTTP client for tests: real requests, raw status codes and headers. Sends its
 * bearer token (from {@link KartaApiTest}: the administrative one) unless the request names its own
 * {@code Authorization} header; {@link #withToken} and {@link #anonymous} give a client with another
 * token or none.
 */
public final class FhirHttp {

	private static final FhirContext FHIR = FhirContext.forR4Cached();
	private static final String FHIR_JSON = "application/fhir+json";

	private static final HttpClient CLIENT =
			HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String root;
	private final String bearer;
	private final HttpClient client = CLIENT;

	public FhirHttp(String root) {
		this(root, null);
	}

	public FhirHttp(String root, String bearer) {
		this.root = root;
		this.bearer = bearer;
	}

	/** The same server with another bearer token. */
	public FhirHttp withToken(String token) {
		return new FhirHttp(root, token);
	}

	/** The same server without any token. */
	public FhirHttp anonymous() {
		return new FhirHttp(root, null);
	}

	public String root() {
		return root;
	}

	public Response get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", FHIR_JSON), Map.of());
	}

	public Response get(String path, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
	}

	public Response post(String path, IBaseResource resource) {
		return post(path, encode(resource), Map.of());
	}

	public Response post(String path, String body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	public Response put(String path, IBaseResource resource) {
		return put(path, encode(resource), Map.of());
	}

	public Response put(String path, String body, Map<String, String> headers) {
		return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	public Response patch(String path, String body, String contentType) {
		return send(
				HttpRequest.newBuilder(uri(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(body)),
				Map.of("Content-Type", contentType));
	}

	public Response delete(String path) {
		return send(HttpRequest.newBuilder(uri(path)).DELETE(), Map.of());
	}

	public static String encode(IBaseResource resource) {
		return FHIR.newJsonParser().encodeResourceToString(resource);
	}

	private URI uri(String path) {
		String encoded = path.replace("|", "%7C");
		return URI.create(encoded.startsWith("http") ? encoded : root + encoded);
	}

	private Response send(HttpRequest.Builder builder, Map<String, String> headers) {
		builder.timeout(Duration.ofSeconds(120));
		if (!headers.containsKey("Content-Type")) {
			builder.header("Content-Type", FHIR_JSON + ";charset=UTF-8");
		}
		if (!headers.containsKey("Accept")) {
			builder.header("Accept", FHIR_JSON);
		}
		if (bearer != null && headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
			builder.header("Authorization", "Bearer " + bearer);
		}
		headers.forEach(builder::header);
		try {
			HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** One HTTP answer. */
	public static final class Response {
		private final HttpResponse<String> response;

		Response(HttpResponse<String> response) {
			this.response = response;
		}

		public int status() {
			return response.statusCode();
		}

		public String body() {
			return response.body();
		}

		public String header(String name) {
			return response.headers().firstValue(name).orElse(null);
		}

		public <T extends Resource> T resource(Class<T> type) {
			return FHIR.newJsonParser().parseResource(type, response.body());
		}

		public Resource resource() {
			return (Resource) FHIR.newJsonParser().parseResource(response.body());
		}

		public Bundle bundle() {
			return resource(Bundle.class);
		}

		public OperationOutcome outcome() {
			return resource(OperationOutcome.class);
		}

		/** The id part of the Location header of a create. */
		public String createdId() {
			String location = header("Location");
			if (location == null) {
				throw new AssertionError("no Location header; status " + status() + ": " + body());
			}
			String[] parts = location.split("/");
			for (int i = 0; i < parts.length; i++) {
				if ("_history".equals(parts[i])) {
					return parts[i - 1];
				}
			}
			return parts[parts.length - 1];
		}

		@Override
		public String toString() {
			return status() + " " + body();
		}
	}
}
