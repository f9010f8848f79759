package se.karta.security;

import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import se.karta.security.Scopes.Access;
import se.karta.security.audit.AuditRecorder;

/**
 * HAPI's {@link AuthorizationInterceptor} with Karta's rules, built once per request from the
 * caller's token and {@link AccessSet}:
 *
 * <ul>
 *   <li>AuditEvents can never be written, updated or deleted through the API; only an audit scope
 *       reads them;
 *   <li>the administrative scope may do everything else;
 *   <li>directory and conformance resources (Organization, Practitioner, profiles, terminology) are
 *       readable with a read scope for them;
 *   <li>plan resources ({@link AccessSet#PLAN_TYPES}) and an organisation's own Subscriptions are
 *       readable/writable only by id, from the access set, and only as far as the scopes allow; creates
 *       are checked by {@link CreateTester};
 *   <li>transaction and batch entries are checked one by one with the same rules;
 *   <li>everything else is denied: 403 with an OperationOutcome, and an AuditEvent of the attempt.
 * </ul>
 *
 * Search results (including {@code _include}/{@code _revinclude}, history, paging and transaction
 * GETs) are checked resource by resource on the way out; {@link KartaSearchNarrowingInterceptor}
 * narrows searches in the query first, so a lawful search is never denied for what it would find.
 */
public class KartaAuthorizationInterceptor extends AuthorizationInterceptor {

	/** Types anyone with a read scope for them may read: the directory and the conformance resources. */
	public static final List<String> OPEN_TYPES = List.of(
			"Organization", "Practitioner", "PractitionerRole", "Location", "HealthcareService", "Endpoint",
			"StructureDefinition", "ValueSet", "CodeSystem", "SearchParameter", "Questionnaire", "ConceptMap",
			"NamingSystem", "ImplementationGuide", "CompartmentDefinition", "OperationDefinition",
			"CapabilityStatement");

	private final SecurityProperties properties;
	private final AccessResolver resolver;
	private final AuditRecorder audit;

	public KartaAuthorizationInterceptor(SecurityProperties properties, AccessResolver resolver, AuditRecorder audit) {
		super(PolicyEnum.DENY);
		this.properties = properties;
		this.resolver = resolver;
		this.audit = audit;
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		KartaToken token = KartaToken.current(properties);
		RuleBuilder rules = new RuleBuilder();
		rules.deny("AuditEvent is append-only").write().resourcesOfType("AuditEvent").withAnyId().andThen()
				.deny("AuditEvent is append-only").delete().resourcesOfType("AuditEvent").withAnyId().andThen()
				.allow("metadata").metadata();
		if (token == null) {
			return rules.denyAll("no token").build();
		}
		if (token.isAdmin()) {
			return rules.allowAll("administrator").build();
		}
		if (token.auditor()) {
			rules.allow("audit scope").read().resourcesOfType("AuditEvent").withAnyId();
		}
		for (String type : OPEN_TYPES) {
			if (token.permits(type, Access.READ)) {
				rules.allow("directory").read().resourcesOfType(type).withAnyId();
			}
		}
		if (token.permits("ValueSet", Access.READ)) {
			rules.allow("terminology").operation().named("$expand").onType(typeOf("ValueSet")).andAllowAllResponses();
			rules.allow("terminology").operation().named("$validate-code").onType(typeOf("ValueSet")).andAllowAllResponses();
		}
		if (token.permits("CodeSystem", Access.READ)) {
			rules.allow("terminology").operation().named("$lookup").onType(typeOf("CodeSystem")).andAllowAllResponses();
			rules.allow("terminology").operation().named("$validate-code").onType(typeOf("CodeSystem")).andAllowAllResponses();
		}
		AccessSet access = resolver.resolve(token);
		CreateTester creates = new CreateTester(token, access, resolver);
		for (String type : AccessSet.NARROWED_TYPES) {
			if (token.permits(type, Access.READ)) {
				// the id searches are narrowed to when nothing of the type is accessible
				java.util.Set<String> readable = new java.util.HashSet<>(access.readable(type));
				readable.add(KartaSearchNarrowingInterceptor.NOTHING);
				rules.allow("readable " + type).read().instances(ids(type, readable));
			}
			if (token.permits(type, Access.WRITE)) {
				if (!access.writable(type).isEmpty()) {
					rules.allow("writable " + type).write().instances(ids(type, access.writable(type)));
					rules.allow("writable " + type).delete().instances(ids(type, access.writable(type)));
				}
				rules.allow("validate " + type).operation().named("$validate").onType(typeOf(type)).andAllowAllResponses();
				if (token.kind() == KartaToken.Kind.ORGANIZATION) {
					rules.allow("create " + type).create().resourcesOfType(type).withAnyId().withTester(creates);
				}
			}
		}
		rules.allow("transaction").transaction().withAnyOperation().andApplyNormalRules();
		return rules.denyAll("default deny").build();
	}

	private static Class<? extends IBaseResource> typeOf(String type) {
		return ca.uhn.fhir.context.FhirContext.forR4Cached().getResourceDefinition(type).getImplementingClass();
	}

	private static List<IIdType> ids(String type, Set<String> ids) {
		return ids.stream().<IIdType>map(id -> new IdType(type, id)).toList();
	}

	@Override
	protected void handleDeny(RequestDetails request, Verdict decision) {
		KartaToken token = KartaToken.current(properties);
		String type = request.getResourceName();
		RestOperationTypeEnum operation = request.getRestOperationType();
		boolean write = operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE
				|| operation == RestOperationTypeEnum.PATCH || operation == RestOperationTypeEnum.DELETE;
		String textSv;
		String diagnostics;
		if ("AuditEvent".equals(type) && write) {
			textSv = SecurityOutcomes.AUDIT_SV;
			diagnostics = "AuditEvents cannot be created, updated or deleted through the API.";
		} else if (token != null && type != null && !token.permits(type, write ? Access.WRITE : Access.READ)
				&& !"AuditEvent".equals(type)) {
			textSv = SecurityOutcomes.SCOPE_SV;
			diagnostics = "Access denied: the token's scopes " + token.scopes().raw() + " do not allow "
					+ (write ? "writing " : "reading ") + type + ".";
		} else {
			textSv = SecurityOutcomes.NOT_IN_TEAM_SV;
			diagnostics = "Access denied: " + (token == null ? "no token" : token.describe()) + " may not "
					+ operation + (type == null ? "" : " " + type)
					+ " (not in the plan's care team, not covered by an active SIP consent, or not its own data).";
		}
		audit.denied(request, token, diagnostics);
		throw SecurityOutcomes.forbidden(textSv, diagnostics);
	}

	/*
	 * The storage-time re-checks of the base class are not used: every write a client can ask for is
	 * decided before it is handled (single writes by id, transaction entries one by one, conditional
	 * writes refused by RequestGuardInterceptor), and the writes the server itself makes in the same
	 * transaction (notification Tasks, ended relative participation) must not be judged as the caller's.
	 */
	@Override
	public void hookResourcePreCreate(RequestDetails request, IBaseResource resource, Pointcut pointcut) {}

	@Override
	public void hookResourcePreDelete(RequestDetails request, IBaseResource resource, Pointcut pointcut) {}

	@Override
	public void hookResourcePreUpdate(
			RequestDetails request, IBaseResource oldResource, IBaseResource newResource, Pointcut pointcut) {}
}
