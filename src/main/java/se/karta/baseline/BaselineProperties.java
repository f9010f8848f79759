package se.karta.baseline;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code karta.baseline.*}: switches for the benchmark's baseline configurations.
 *
 * @param stockRequestValidation register HAPI's {@code RequestValidatingInterceptor} with a stock
 *     {@code FhirInstanceValidator} loaded with Karta's package (default false; benchmarks only)
 */
@ConfigurationProperties("karta.baseline")
public record BaselineProperties(Boolean stockRequestValidation) {
	public BaselineProperties {
		stockRequestValidation = stockRequestValidation != null && stockRequestValidation;
	}
}
