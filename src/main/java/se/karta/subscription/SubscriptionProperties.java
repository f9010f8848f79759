package se.karta.subscription;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code karta.subscriptions.*}.
 *
 * @param enabled whether REST-hook Subscriptions are matched and delivered (default true)
 * @param endpointPattern a regular expression every rest-hook endpoint must match (blank: any);
 *     production should restrict it, e.g. to {@code ^https://.*}
 */
@ConfigurationProperties("karta.subscriptions")
public record SubscriptionProperties(Boolean enabled, String endpointPattern) {
	public SubscriptionProperties {
		enabled = enabled == null || enabled;
		endpointPattern = endpointPattern == null ? "" : endpointPattern;
	}
}
