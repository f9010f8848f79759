package se.karta.enforcement;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code karta.enforcement.*}.
 *
 * @param enabled whether profiles and legal rules are enforced on writes (default true; switching
 *     it off turns Karta into a plain HAPI JPA server, for benchmarks only)
 */
@ConfigurationProperties("karta.enforcement")
public record EnforcementProperties(Boolean enabled) {
	public EnforcementProperties {
		enabled = enabled == null || enabled;
	}
}
