package se.karta.server;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * HTTP-facing settings of the FHIR endpoint, bound from {@code karta.server.*}.
 *
 * @param serverAddress public base URL written into links (blank: taken from each request)
 * @param defaultPageSize search page size when the client gives no {@code _count}
 * @param maxPageSize the largest {@code _count} honoured
 * @param maxRequestSize the largest request body accepted; larger bodies get HTTP 413
 * @param openapi whether HAPI's OpenAPI document and Swagger UI are served under /fhir
 * @param cors CORS settings; no allowed origins means CORS is off
 * @param additionalResourceTypes R4 resource types to store besides Karta's own
 *     ({@link StoredResourceTypes#KARTA_TYPES})
 */
@ConfigurationProperties("karta.server")
public record KartaServerProperties(
		String serverAddress,
		Integer defaultPageSize,
		Integer maxPageSize,
		DataSize maxRequestSize,
		Boolean openapi,
		Cors cors,
		List<String> additionalResourceTypes) {

	public KartaServerProperties {
		defaultPageSize = defaultPageSize == null ? 20 : defaultPageSize;
		maxPageSize = maxPageSize == null ? 200 : maxPageSize;
		maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(10) : maxRequestSize;
		openapi = openapi == null || openapi;
		cors = cors == null ? new Cors(null, null, null) : cors;
		additionalResourceTypes = additionalResourceTypes == null ? List.of() : additionalResourceTypes;
	}

	/**
	 * @param allowedOrigins origin patterns allowed to call the API from a browser
	 * @param allowedHeaders request headers allowed (default: the FHIR ones)
	 * @param allowCredentials whether cookies/authorization may be sent cross-origin
	 */
	public record Cors(List<String> allowedOrigins, List<String> allowedHeaders, Boolean allowCredentials) {
		public Cors {
			allowedOrigins = allowedOrigins == null ? new ArrayList<>() : allowedOrigins;
			allowedHeaders = allowedHeaders == null
					? List.of("Authorization", "Content-Type", "Accept", "If-Match", "If-None-Exist",
							"If-None-Match", "If-Modified-Since", "Prefer", "X-Requested-With")
					: allowedHeaders;
			allowCredentials = allowCredentials != null && allowCredentials;
		}

		public boolean enabled() {
			return !allowedOrigins.isEmpty();
		}
	}
}
