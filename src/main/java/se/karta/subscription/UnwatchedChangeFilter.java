package se.karta.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.SubscriptionCriteriaParser;
import ca.uhn.fhir.jpa.subscription.match.registry.ActiveSubscription;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;

/**
 * A change that no active Subscription of this node could match is not handed to HAPI's subscription
 * matching. Without this, HAPI queues every stored resource (a row in its resource-modified table, in
 * the writing transaction) and its matching thread reads the resource back from the database and
 * parses it, only to find no Subscription to match it against: in the benchmark about a sixth of the
 * server's CPU while plans were being created, with no Subscription at all.
 *
 * <p>The decision uses the same registry of active Subscriptions the matcher itself would consult on
 * this node, so nothing that would have been delivered is lost: a Subscription becomes active on a node
 * when its registry has it. Changes to Subscriptions themselves always pass (HAPI activates and
 * registers them through the same channel), and so does everything when any active Subscription has
 * criteria this filter does not understand.
 */
@Interceptor
public class UnwatchedChangeFilter {

	private static final String SUBSCRIPTION = "Subscription";

	private final SubscriptionRegistry registry;
	private final FhirContext fhirContext;

	public UnwatchedChangeFilter(SubscriptionRegistry registry, FhirContext fhirContext) {
		this.registry = registry;
		this.fhirContext = fhirContext;
	}

	/** {@code false}: HAPI neither queues the change for matching nor matches it. */
	@Hook(Pointcut.SUBSCRIPTION_RESOURCE_MODIFIED)
	public boolean resourceModified(ResourceModifiedMessage change) {
		String type = change.getResourceType(fhirContext);
		return type == null || SUBSCRIPTION.equals(type) || watched(type);
	}

	/** Whether an active Subscription on this node may match a change to a resource of this type. */
	boolean watched(String type) {
		for (ActiveSubscription active : registry.getAll()) {
			SubscriptionCriteriaParser.SubscriptionCriteria criteria = active.getCriteria();
			if (criteria == null
					|| criteria.getType() == SubscriptionCriteriaParser.TypeEnum.STARTYPE_EXPRESSION
					|| criteria.getApplicableResourceTypes() == null
					|| criteria.getApplicableResourceTypes().contains(type)) {
				return true;
			}
		}
		return false;
	}
}
