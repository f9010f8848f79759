package se.karta.subscription;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.messaging.BaseResourceMessage.OperationTypeEnum;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.karta.security.AccessResolver;
import se.karta.security.AccessSet;
import se.karta.security.KartaAuthorizationInterceptor;

/**
 * The security rules applied to what an owned Subscription delivers (on the node that delivers, right
 * before each rest-hook delivery, so access is judged after the change is committed):
 *
 * <ul>
 *   <li><b>full payload</b> when the owning organisation may read the changed resource, as it could by
 *       reading it itself (its {@link AccessSet}, or a directory type);
 *   <li><b>id-only payload</b> when it may no longer read it but the version before the change named the
 *       organisation (e.g. a Task handed to someone else, a care team it left): the body carries only the
 *       resource type, id and version, tagged {@code subscription-payload|id-only}, so the subscriber learns
 *       that something it knew of changed without seeing what;
 *   <li><b>nothing</b> otherwise: the organisation learns nothing of resources it may not read.
 * </ul>
 *
 * A deletion is announced (its id only, as HAPI always does) when the deleted version named the
 * organisation or it could read it. Subscriptions without owner (made by an administrator) deliver
 * everything they match.
 */
@Interceptor
public class OwnedDeliveryFilter {

	/** The code, in {@code KartaTerms.CS_SUBSCRIPTION_PAYLOAD}, of an id-only payload. */
	public static final String ID_ONLY = "id-only";

	private static final Logger LOG = LoggerFactory.getLogger(OwnedDeliveryFilter.class);

	enum Delivery { FULL, ID_ONLY, NONE }

	private final FhirContext fhirContext;
	private final DaoRegistry daos;
	private final AccessResolver access;

	public OwnedDeliveryFilter(FhirContext fhirContext, DaoRegistry daos, AccessResolver access) {
		this.fhirContext = fhirContext;
		this.daos = daos;
		this.access = access;
	}

	@Hook(Pointcut.SUBSCRIPTION_BEFORE_REST_HOOK_DELIVERY)
	public boolean beforeDelivery(CanonicalSubscription subscription, ResourceDeliveryMessage message) {
		String owner = subscription.getTags().get(KartaTerms.CS_SUBSCRIPTION_OWNER);
		if (owner == null) {
			return true;
		}
		if (subscription.isTopicSubscription() || subscription.getPayloadSearchCriteria() != null
				&& !subscription.getPayloadSearchCriteria().isBlank()
				|| subscription.getRestHookDetails().isDeliverLatestVersion()) {
			LOG.warn("Subscription {} of {} asks for a payload that cannot be filtered: not delivered",
					subscription.getIdElementString(), owner);
			return false;
		}
		// parsed here, not by message.getPayload(), which would keep the full payload for the delivery
		String encoded = message.getPayloadString();
		IBaseResource payload = encoded == null || encoded.isBlank() ? null
				: java.util.Objects.requireNonNullElse(EncodingEnum.detectEncodingNoDefault(encoded), EncodingEnum.JSON)
						.newParser(fhirContext).parseResource(encoded);
		IIdType id = message.getPayloadId(fhirContext);
		if (!id.hasVersionIdPart() && payload != null && payload.getMeta().getVersionId() != null) {
			id = id.withVersion(payload.getMeta().getVersionId());
		}
		Delivery delivery = decide(owner, id, payload, message.getOperationType());
		LOG.debug("Subscription {} of {}: {} {}", subscription.getIdElementString(), owner, id.getValue(), delivery);
		switch (delivery) {
			case FULL:
				return true;
			case ID_ONLY:
				message.setPayload(fhirContext, idOnly(id), EncodingEnum.JSON);
				return true;
			default:
				return false;
		}
	}

	Delivery decide(String ownerHsaId, IIdType id, IBaseResource payload, OperationTypeEnum operation) {
		String type = id.getResourceType();
		if (KartaAuthorizationInterceptor.OPEN_TYPES.contains(type)) {
			return Delivery.FULL;
		}
		AccessSet readable = access.resolveOrganization(ownerHsaId);
		boolean canRead = readable.canRead(type, id.getIdPart());
		if (operation == OperationTypeEnum.DELETE) {
			// HAPI announces a deletion by id only
			return canRead || names(payload, readable.organizationIds()) ? Delivery.FULL : Delivery.NONE;
		}
		if (canRead) {
			return Delivery.FULL;
		}
		return names(previousVersion(id), readable.organizationIds()) ? Delivery.ID_ONLY : Delivery.NONE;
	}

	private IBaseResource previousVersion(IIdType id) {
		if (!id.hasVersionIdPart() || !id.isVersionIdPartValidLong() || id.getVersionIdPartAsLong() < 2) {
			return null;
		}
		IIdType previous = id.toUnqualifiedVersionless().withVersion(Long.toString(id.getVersionIdPartAsLong() - 1));
		try {
			return daos.getResourceDao(id.getResourceType()).read(previous, new SystemRequestDetails(), true);
		} catch (RuntimeException e) {
			LOG.debug("No previous version {}: {}", previous.getValue(), e.getMessage());
			return null;
		}
	}

	/** Whether the resource refers to one of the organisation's Organization resources anywhere. */
	private boolean names(IBaseResource resource, Set<String> organizationIds) {
		if (resource == null || organizationIds.isEmpty()) {
			return false;
		}
		return fhirContext.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class).stream()
				.anyMatch(reference -> AccessResolver.isOneOf(reference, organizationIds));
	}

	private IBaseResource idOnly(IIdType id) {
		IBaseResource stub = fhirContext.getResourceDefinition(id.getResourceType()).newInstance();
		stub.setId(id.toUnqualified());
		stub.getMeta().setVersionId(id.getVersionIdPart());
		stub.getMeta().addTag().setSystem(KartaTerms.CS_SUBSCRIPTION_PAYLOAD).setCode(ID_ONLY)
				.setDisplay("Endast id: ni får inte läsa den nya versionen / id only: you may not read the new version");
		return stub;
	}
}
