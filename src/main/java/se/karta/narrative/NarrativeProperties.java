package se.karta.narrative;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code karta.narrative.*}.
 *
 * @param enabled whether every stored plan gets its generated Swedish narrative (default true;
 *     off only for the benchmark's plain-HAPI baseline)
 */
@ConfigurationProperties("karta.narrative")
public record NarrativeProperties(Boolean enabled) {
	public NarrativeProperties {
		enabled = enabled == null || enabled;
	}
}
