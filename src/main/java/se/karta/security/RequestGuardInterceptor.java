package se.karta.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.EnumSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import se.karta.security.audit.AuditRecorder;

/**
 * Closes the side doors HAPI's AuthorizationInterceptor does not look at or that cannot be narrowed,
 * for every caller but an administrator (runs before search narrowing):
 *
 * <ul>
 *   <li>only these interactions: read, vread, instance history, type search, paging, create, update,
 *       patch, delete (by id), transaction/batch, named operations (then decided by the rules), and
 *       {@code $validate} without an id; no system search, type or system history, GraphQL,
 *       {@code $meta}, or {@code $validate} of a stored resource;
 *   <li>no {@code _has} (reverse chaining would test plans the caller cannot see);
 *   <li>no conditional update, patch or delete, in a transaction either (they would find resources
 *       by search outside the caller's narrowing).
 * </ul>
 *
 * A request without any token never gets here: Spring Security answers it with 401.
 */
@Interceptor(order = -100)
public class RequestGuardInterceptor {

	private static final Set<RestOperationTypeEnum> ALLOWED = EnumSet.of(
			RestOperationTypeEnum.METADATA,
			RestOperationTypeEnum.READ,
			RestOperationTypeEnum.VREAD,
			RestOperationTypeEnum.HISTORY_INSTANCE,
			RestOperationTypeEnum.SEARCH_TYPE,
			RestOperationTypeEnum.GET_PAGE,
			RestOperationTypeEnum.CREATE,
			RestOperationTypeEnum.UPDATE,
			RestOperationTypeEnum.PATCH,
			RestOperationTypeEnum.DELETE,
			RestOperationTypeEnum.TRANSACTION,
			RestOperationTypeEnum.BATCH,
			RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
			RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE,
			RestOperationTypeEnum.EXTENDED_OPERATION_SERVER,
			RestOperationTypeEnum.VALIDATE);

	private final SecurityProperties properties;
	private final AuditRecorder audit;

	public RequestGuardInterceptor(SecurityProperties properties, AuditRecorder audit) {
		this.properties = properties;
		this.audit = audit;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -100)
	public void guard(RequestDetails request) {
		KartaToken token = KartaToken.current(properties);
		if (token != null && token.isAdmin()) {
			return;
		}
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (operation == null || !ALLOWED.contains(operation)) {
			deny(request, token, "interaction " + operation + " is for administrators only");
		}
		if (operation == RestOperationTypeEnum.VALIDATE && request.getId() != null && request.getId().hasIdPart()) {
			deny(request, token, "$validate of a stored resource is for administrators only");
		}
		if ("$validate".equals(request.getOperation()) && request.getId() != null && request.getId().hasIdPart()) {
			deny(request, token, "$validate of a stored resource is for administrators only");
		}
		if ("$everything".equals(request.getOperation()) || "$graphql".equals(request.getOperation())) {
			deny(request, token, request.getOperation() + " is for administrators only");
		}
		if (request.getParameters().keySet().stream().anyMatch(p -> p.startsWith("_has"))) {
			deny(request, token, "_has (reverse chaining) is for administrators only");
		}
		boolean conditional = (operation == RestOperationTypeEnum.UPDATE || operation == RestOperationTypeEnum.PATCH
				|| operation == RestOperationTypeEnum.DELETE)
				&& (request.getId() == null || !request.getId().hasIdPart());
		if (conditional) {
			deny(request, token, "conditional " + operation + " is for administrators only");
		}
	}

	/** Transaction and batch entries: the same limits, entry by entry (the body is parsed by now). */
	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = -100)
	public void guardBundle(RequestDetails request) {
		KartaToken token = KartaToken.current(properties);
		if (token != null && token.isAdmin() || !(request.getResource() instanceof Bundle bundle)) {
			return;
		}
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (operation != RestOperationTypeEnum.TRANSACTION && operation != RestOperationTypeEnum.BATCH) {
			return;
		}
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Bundle.BundleEntryRequestComponent entryRequest = entry.getRequest();
			String url = entryRequest.getUrl() == null ? "" : entryRequest.getUrl();
			String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
			String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
			Bundle.HTTPVerb method = entryRequest.getMethod();
			if (query.contains("_has") || path.contains("$") || path.contains("_history") && path.split("/").length < 3
					|| path.isEmpty() || path.startsWith("_search")) {
				deny(request, token, "transaction entry " + method + " " + url + " is for administrators only");
			}
			boolean byId = path.split("/").length >= 2;
			if ((method == Bundle.HTTPVerb.PUT || method == Bundle.HTTPVerb.PATCH || method == Bundle.HTTPVerb.DELETE)
					&& (!byId || !query.isEmpty())) {
				deny(request, token, "conditional " + method + " in a transaction is for administrators only");
			}
		}
	}

	private void deny(RequestDetails request, KartaToken token, String why) {
		String diagnostics = "Access denied: " + why + ".";
		audit.denied(request, token, diagnostics);
		throw SecurityOutcomes.forbidden(SecurityOutcomes.SIDE_DOOR_SV, diagnostics);
	}
}
