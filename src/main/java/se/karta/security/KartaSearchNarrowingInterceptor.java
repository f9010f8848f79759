package se.karta.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizedList;
import ca.uhn.fhir.rest.server.interceptor.auth.SearchNarrowingInterceptor;
import java.util.ArrayList;
import java.util.List;

/**
 * HAPI's {@link SearchNarrowingInterceptor}: a search on a plan type (or Subscription) is narrowed in the query to the
 * ids of the caller's {@link AccessSet} ({@code _id} added or intersected), so {@code Bundle.total},
 * paging links and chained or {@code _include} searches only ever count and return what the caller
 * may see; conditional URLs ({@code If-None-Exist}, transaction entries) are narrowed the same way.
 * Types with nothing accessible are narrowed to an id that never exists. Administrators are not
 * narrowed.
 */
public class KartaSearchNarrowingInterceptor extends SearchNarrowingInterceptor {

	/** An id no resource has: narrows a search to nothing. */
	static final String NOTHING = "karta-none";

	private final SecurityProperties properties;
	private final AccessResolver resolver;

	public KartaSearchNarrowingInterceptor(SecurityProperties properties, AccessResolver resolver) {
		this.properties = properties;
		this.resolver = resolver;
		setNarrowConditionalUrls(true);
	}

	@Override
	protected AuthorizedList buildAuthorizedList(RequestDetails request) {
		KartaToken token = KartaToken.current(properties);
		if (token == null || token.isAdmin()) {
			return null;
		}
		AccessSet access = resolver.resolve(token);
		List<String> resources = new ArrayList<>();
		for (String type : AccessSet.NARROWED_TYPES) {
			if (access.readable(type).isEmpty()) {
				resources.add(type + "/" + NOTHING);
			} else {
				access.readable(type).forEach(id -> resources.add(type + "/" + id));
			}
		}
		return new AuthorizedList().addResources(resources.toArray(String[]::new));
	}
}
