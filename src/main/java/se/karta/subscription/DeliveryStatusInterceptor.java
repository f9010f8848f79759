package se.karta.subscription;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes delivery visible on the Subscription itself: a failed attempt sets {@code status=error} and
 * {@code error} (what failed, in English; the attempt is retried); the next successful delivery sets
 * it back to {@code active} and clears the error.
 */
@Interceptor
public class DeliveryStatusInterceptor {

	private static final Logger LOG = LoggerFactory.getLogger(DeliveryStatusInterceptor.class);

	/** A status write that collides with another write of the Subscription is re-read and re-applied this often. */
	private static final int MAX_ATTEMPTS = 3;

	private final DaoRegistry daoRegistry;

	public DeliveryStatusInterceptor(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	@Hook(Pointcut.SUBSCRIPTION_AFTER_DELIVERY_FAILED)
	public boolean deliveryFailed(ResourceDeliveryMessage message, Exception failure) {
		record(message, Subscription.SubscriptionStatus.ERROR,
				"Delivery of " + message.getPayloadId() + " failed (retried): " + failure.getMessage());
		return true;
	}

	@Hook(Pointcut.SUBSCRIPTION_AFTER_DELIVERY)
	public void delivered(ResourceDeliveryMessage message) {
		record(message, Subscription.SubscriptionStatus.ACTIVE, null);
	}

	private void record(ResourceDeliveryMessage message, Subscription.SubscriptionStatus status, String error) {
		IdType id = new IdType(message.getSubscription().getIdElementString()).toUnqualifiedVersionless();
		var dao = daoRegistry.getResourceDao(Subscription.class);
		for (int attempt = 1; ; attempt++) {
			try {
				Subscription subscription = dao.read(id, new SystemRequestDetails());
				if (subscription.getStatus() == status && java.util.Objects.equals(subscription.getError(), error)) {
					return;
				}
				subscription.setStatus(status);
				subscription.setError(error);
				dao.update(subscription, new SystemRequestDetails()); // versioned: fails if changed since the read
				return;
			} catch (ResourceVersionConflictException e) {
				if (attempt == MAX_ATTEMPTS) {
					LOG.warn("Could not record delivery status on {} after {} attempts: {}", id.getValue(), attempt,
							e.getMessage());
					return;
				}
				// changed meanwhile (a client's update, HAPI's activation): read it again and re-apply
			} catch (BaseServerResponseException e) {
				LOG.warn("Could not record delivery status on {}: {}", id.getValue(), e.getMessage());
				return;
			}
		}
	}
}
