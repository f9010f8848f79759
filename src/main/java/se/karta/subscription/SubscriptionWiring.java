package se.karta.subscription;

import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.context.FhirContext;
import se.karta.security.AccessResolver;
import se.karta.security.SecurityProperties;

/**
 * HAPI's subscription modules: a change is matched on the node that stored it and delivered from
 * there (each change once, however many nodes run), active Subscriptions are shared between nodes
 * through the database, and failed deliveries are retried with back-off for a minute. Changes no
 * active Subscription could match are not queued for matching ({@link UnwatchedChangeFilter}). Karta adds
 * ownership ({@link SubscriptionOwnership}) and the security rules on what is delivered
 * ({@link OwnedDeliveryFilter}).
 */
@Configuration
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class})
public class SubscriptionWiring {

	@Bean
	public SubscriptionSettings subscriptionSettings(SubscriptionProperties properties) {
		SubscriptionSettings settings = new SubscriptionSettings();
		if (properties.enabled()) {
			settings.addSupportedSubscriptionType(org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
		}
		if (StringUtils.hasText(properties.endpointPattern())) {
			settings.setRestHookEndpointUrlValidationRegex(properties.endpointPattern());
		}
		return settings;
	}

	/** Karta delivers by REST hook only; HAPI's processor still asks for an e-mail sender. */
	@Bean
	public IEmailSender noEmailDelivery() {
		return details -> {
			throw new UnsupportedOperationException("Karta supports rest-hook Subscriptions only, not e-mail");
		};
	}

	/** Owners are stamped at storage, so that writes inside transactions are covered too. */
	@Bean
	public SubscriptionOwnership subscriptionOwnership(SecurityProperties security, IInterceptorService interceptors) {
		SubscriptionOwnership ownership = new SubscriptionOwnership(security);
		interceptors.registerInterceptor(ownership);
		return ownership;
	}

	@Bean
	public AuditTrailIsNotSubscribable auditTrailIsNotSubscribable(IInterceptorService interceptors) {
		AuditTrailIsNotSubscribable auditTrail = new AuditTrailIsNotSubscribable();
		interceptors.registerInterceptor(auditTrail);
		return auditTrail;
	}

	@Bean
	public UnwatchedChangeFilter unwatchedChangeFilter(SubscriptionRegistry registry, FhirContext fhirContext,
			IInterceptorService interceptors) {
		UnwatchedChangeFilter filter = new UnwatchedChangeFilter(registry, fhirContext);
		interceptors.registerInterceptor(filter);
		return filter;
	}

	@Bean
	public OwnedDeliveryFilter ownedDeliveryFilter(FhirContext fhirContext, DaoRegistry daoRegistry,
			AccessResolver access, IInterceptorService interceptors) {
		OwnedDeliveryFilter filter = new OwnedDeliveryFilter(fhirContext, daoRegistry, access);
		interceptors.registerInterceptor(filter);
		return filter;
	}

	/** Delivery hooks are broadcast by HAPI's global interceptor service (no request is involved). */
	@Bean
	public DeliveryStatusInterceptor deliveryStatusInterceptor(DaoRegistry daoRegistry, IInterceptorService interceptors) {
		DeliveryStatusInterceptor deliveryStatus = new DeliveryStatusInterceptor(daoRegistry);
		interceptors.registerInterceptor(deliveryStatus);
		return deliveryStatus;
	}
}
