package se.karta.subscription;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.util.HapiExtensions;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Subscription;
import se.karta.security.KartaToken;
import se.karta.security.SecurityProperties;
import se.karta.server.Outcomes;

/**
 * A Subscription belongs to the organisation that created it: when an organisation's token creates
 * one, the server tags it {@code meta.tag = subscription-owner|<HSA-id>} (whatever owner tag the client
 * sent is replaced). The owner never changes: an update keeps the stored owner. An administrator may
 * create a Subscription for an organisation by tagging it so, or without owner (then it delivers
 * everything it matches, for integration on the server's side).
 *
 * <p>An owned Subscription cannot use HAPI's options that deliver something other than the changed
 * version ({@code deliver-latest-version}, {@code payload-search-criteria}), since those would bypass the
 * owner's read check ({@link OwnedDeliveryFilter}); asking for them is a 422.
 */
@Interceptor
public class SubscriptionOwnership {

	static final List<String> UNFILTERABLE = List.of(
			HapiExtensions.EXT_SUBSCRIPTION_RESTHOOK_DELIVER_LATEST_VERSION,
			HapiExtensions.EXT_SUBSCRIPTION_PAYLOAD_SEARCH_CRITERIA);

	private final SecurityProperties security;

	public SubscriptionOwnership(SecurityProperties security) {
		this.security = security;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof Subscription subscription)) {
			return;
		}
		KartaToken caller = request == null || request instanceof SystemRequestDetails
				? null
				: KartaToken.current(security);
		if (caller != null && caller.kind() == KartaToken.Kind.ORGANIZATION) {
			setOwner(subscription, caller.organizationHsaId());
		}
		requireFilterable(subscription);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (!(resource instanceof Subscription subscription)) {
			return;
		}
		Optional<String> owner = owner(previous);
		subscription.getMeta().getTag().removeIf(t -> KartaTerms.CS_SUBSCRIPTION_OWNER.equals(t.getSystem()));
		owner.ifPresent(hsaId -> setOwner(subscription, hsaId));
		requireFilterable(subscription);
	}

	/** The HSA-id of the organisation owning this Subscription, if any. */
	public static Optional<String> owner(IBaseResource resource) {
		return resource == null ? Optional.empty() : resource.getMeta().getTag().stream()
				.filter(t -> KartaTerms.CS_SUBSCRIPTION_OWNER.equals(t.getSystem()) && t.getCode() != null)
				.map(t -> t.getCode())
				.findFirst();
	}

	private static void setOwner(Subscription subscription, String hsaId) {
		subscription.getMeta().getTag().removeIf(t -> KartaTerms.CS_SUBSCRIPTION_OWNER.equals(t.getSystem()));
		subscription.getMeta().addTag(new Coding(KartaTerms.CS_SUBSCRIPTION_OWNER, hsaId,
				"Prenumerationens ägare (HSA-id) / owner of the Subscription"));
	}

	private static void requireFilterable(Subscription subscription) {
		if (owner(subscription).isEmpty()) {
			return;
		}
		for (String url : UNFILTERABLE) {
			Extension onChannel = subscription.getChannel().getExtensionByUrl(url);
			Extension onResource = subscription.getExtensionByUrl(url);
			if (onChannel == null && onResource == null) {
				continue;
			}
			String element = (onChannel != null ? "Subscription.channel" : "Subscription") + ".extension('" + url + "')";
			OperationOutcome outcome = Outcomes.error(OperationOutcome.IssueType.NOTSUPPORTED,
					"En organisations prenumeration kan inte använda detta tillägg: servern levererar bara den "
							+ "ändrade versionen, och bara det organisationen får läsa.",
					element + ": not supported on a Subscription owned by an organisation, since its deliveries are "
							+ "filtered by what the organisation may read.");
			outcome.getIssueFirstRep().addExpression(element);
			throw new UnprocessableEntityException(element + " is not supported on an organisation's Subscription",
					outcome);
		}
	}
}
