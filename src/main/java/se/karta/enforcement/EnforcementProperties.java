package se.karta.enforcement;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code karta.enforcement.*}.
 *
 * @param enabled whether profiles and legal rules are enforced on writes (default true; switching
 *     it off turns Karta into a plain HAPI JPA server, for benchmarks only)
 * @param validationThreads threads that validate a transaction's entries against their profiles
 *     while the transaction goes on (default: one per processor; 0 validates each entry on the
 *     request thread)
 */
@ConfigurationProperties("karta.enforcement")
public record EnforcementProperties(Boolean enabled, Integer validationThreads) {
	public EnforcementProperties {
		enabled = enabled == null || enabled;
		validationThreads = validationThreads == null ? Runtime.getRuntime().availableProcessors() : validationThreads;
	}
}
