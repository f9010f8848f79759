package se.karta.security;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * Computes which plans and related resources a caller may see (issue 6):
 *
 * <ul>
 *   <li>organisation O: every plan whose care team has O as a current participant; for a SIP only
 *       while an active {@code sip-consent} referenced by the plan names O. Such a plan brings its care
 *       team(s), the person, the person's Consents, the plan's Goals and the Tasks focused on it, all
 *       readable and writable, and the RelatedPersons of the care team, readable. When O answers for a
 *       plan ({@code overall-responsibility}) but is not covered (consent withdrawn or
 *       not yet given), O keeps only the plan (to end it), read-only care team, Consents and person.
 *       Tasks O owns or requested are O's too, with their person (readable).
 *   <li>a patient: all their own plans and what belongs to them, read-only.
 *   <li>a related person: the plans whose care team names them as a current participant, unless the
 *       person objects ({@code relative-participation} deny covering them); plan, care team, Goals and
 *       person, read-only.
 * </ul>
 *
 * Results are cached per caller until the next write on this node of a resource that can change them
 * (see {@link #invalidate()}), and for at most 5 seconds (writes on other nodes), so steady reads cost
 * few database round trips; the organisation lookup by HSA-id is cached the same way.
 */
public class AccessResolver {

	public static final String HSA_SYSTEM = KartaTerms.SYSTEM_HSA_ID;
	private static final String CONSENT_CATEGORY = KartaTerms.CS_CONSENT_CATEGORY;
	private static final String PLAN_TYPE = KartaTerms.CS_PLAN_TYPE;
	private static final String ROLE = KartaTerms.CS_PARTICIPANT_ROLE;
	private static final String OVERALL = KartaTerms.EXT_OVERALL_RESPONSIBILITY;
	private static final int MAX_CACHED = 10_000;

	private final DaoRegistry daos;
	private final AtomicLong generation = new AtomicLong();
	private final AtomicLong organizationGeneration = new AtomicLong();
	private final Map<String, Cached<AccessSet>> cache = new ConcurrentHashMap<>();
	private final Map<String, Cached<Set<String>>> organizations = new ConcurrentHashMap<>();

	/**
	 * Another node's writes do not reach this node's invalidation, so a cached answer is also
	 * bounded in age: with several nodes, access follows a change made elsewhere within this time.
	 */
	static final long MAX_AGE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

	private record Cached<T>(long generation, long createdNanos, T value) {
		boolean validFor(long currentGeneration) {
			return generation == currentGeneration && System.nanoTime() - createdNanos < MAX_AGE_NANOS;
		}
	}

	public AccessResolver(DaoRegistry daos) {
		this.daos = daos;
	}

	/** Something that decides access was written: forget every cached access set. */
	public void invalidate() {
		generation.incrementAndGet();
	}

	/** An Organization was written: forget the HSA-id lookups too. */
	public void invalidateOrganizations() {
		organizationGeneration.incrementAndGet();
		generation.incrementAndGet();
	}

	/** What the organisation with this HSA-id may read and write (e.g. to filter its Subscriptions' deliveries). */
	public AccessSet resolveOrganization(String hsaId) {
		return resolve(new KartaToken(KartaToken.Kind.ORGANIZATION, null, null, Scopes.parse(List.of()), hsaId, null, null, false));
	}

	public AccessSet resolve(KartaToken token) {
		String key = switch (token.kind()) {
			case ORGANIZATION -> "O|" + token.organizationHsaId();
			case PATIENT -> "P|" + token.patientId();
			case RELATED_PERSON -> "R|" + token.fhirUser();
			default -> null;
		};
		if (key == null) {
			return AccessSet.EMPTY;
		}
		long now = generation.get();
		Cached<AccessSet> cached = cache.get(key);
		if (cached != null && cached.validFor(now)) {
			return cached.value();
		}
		AccessSet computed = switch (token.kind()) {
			case ORGANIZATION -> forOrganization(token.organizationHsaId(), organizationIds(token.organizationHsaId()));
			case PATIENT -> forPatient(token.patientId());
			default -> forRelatedPerson(token.fhirUser());
		};
		if (cache.size() > MAX_CACHED) {
			cache.clear();
		}
		cache.put(key, new Cached<>(now, System.nanoTime(), computed));
		return computed;
	}

	/** The ids of the Organizations with this HSA-id (cached until an Organization is written). */
	public Set<String> organizationIds(String hsaId) {
		long now = organizationGeneration.get();
		Cached<Set<String>> cached = organizations.get(hsaId);
		if (cached != null && cached.validFor(now)) {
			return cached.value();
		}
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(Organization.SP_IDENTIFIER, new TokenParam(HSA_SYSTEM, hsaId));
		Set<String> ids = new HashSet<>();
		search("Organization", map).forEach(r -> ids.add(r.getIdElement().getIdPart()));
		if (organizations.size() > MAX_CACHED) {
			organizations.clear();
		}
		organizations.put(hsaId, new Cached<>(now, System.nanoTime(), Set.copyOf(ids)));
		return Set.copyOf(ids);
	}

	private AccessSet forOrganization(String hsaId, Set<String> orgIds) {
		AccessSet access = new AccessSet(orgIds);
		SearchParameterMap owned = SearchParameterMap.newSynchronous();
		owned.add("_tag", new TokenParam(KartaTerms.CS_SUBSCRIPTION_OWNER, hsaId));
		search("Subscription", owned).forEach(s -> access.add(ref(s), true));
		if (orgIds.isEmpty()) {
			return access;
		}
		List<String> orgRefs = orgIds.stream().map(id -> "Organization/" + id).toList();
		Map<String, CareTeam> teams = new LinkedHashMap<>();
		for (Resource r : byReference("CareTeam", CareTeam.SP_PARTICIPANT, orgRefs)) {
			teams.put(ref(r), (CareTeam) r);
		}
		Set<String> currentTeams = new HashSet<>();
		teams.forEach((ref, team) -> {
			if (team.getParticipant().stream().anyMatch(p -> current(p) && isOneOf(p.getMember(), orgIds))) {
				currentTeams.add(ref);
			}
		});
		Map<String, CarePlan> plans = new LinkedHashMap<>();
		byReference("CarePlan", CarePlan.SP_CARE_TEAM, currentTeams).forEach(r -> plans.put(ref(r), (CarePlan) r));
		byReference("CarePlan", "overall-responsibility", orgRefs).forEach(r -> plans.put(ref(r), (CarePlan) r));

		List<CarePlan> full = new ArrayList<>();
		List<CarePlan> restricted = new ArrayList<>();
		for (CarePlan plan : plans.values()) {
			boolean inTeam = plan.getCareTeam().stream().anyMatch(t -> currentTeams.contains(t.getReference()));
			boolean answers = overallResponsibility(plan).map(r -> isOneOf(r, orgIds)).orElse(false);
			boolean covered = !isSip(plan) || coveredByActiveSipConsent(plan, orgIds);
			if ((inTeam || answers) && covered) {
				full.add(plan);
			} else if (answers) {
				restricted.add(plan);
			}
		}
		addPlans(access, full, true, true);
		for (CarePlan plan : restricted) {
			access.add(ref(plan), true);
			access.add(plan.getSubject().getReference(), false);
			plan.getCareTeam().forEach(t -> access.add(t.getReference(), false));
			plan.getSupportingInfo().forEach(c -> access.add(c.getReference(), false));
		}
		List<Resource> tasks = new ArrayList<>(byReference("Task", Task.SP_OWNER, orgRefs));
		tasks.addAll(byReference("Task", Task.SP_REQUESTER, orgRefs));
		for (Resource r : tasks) {
			Task task = (Task) r;
			access.add(ref(task), true);
			access.add(task.getFor().getReference(), false);
			if (task.getFocus().getReference() != null && task.getFocus().getReference().startsWith("QuestionnaireResponse/")) {
				access.add(task.getFocus().getReference(), false);
			}
		}
		return access;
	}

	private AccessSet forPatient(String patientId) {
		AccessSet access = new AccessSet(Set.of());
		access.add("Patient/" + patientId, false);
		List<CarePlan> plans = byReference("CarePlan", CarePlan.SP_SUBJECT, List.of("Patient/" + patientId)).stream()
				.map(CarePlan.class::cast).toList();
		addPlans(access, plans, false, true);
		return access;
	}

	private AccessSet forRelatedPerson(String relatedPerson) {
		AccessSet access = new AccessSet(Set.of());
		access.add(relatedPerson, false);
		Set<String> currentTeams = new HashSet<>();
		for (Resource r : byReference("CareTeam", CareTeam.SP_PARTICIPANT, List.of(relatedPerson))) {
			CareTeam team = (CareTeam) r;
			if (team.getParticipant().stream()
					.anyMatch(p -> current(p) && relatedPerson.equals(p.getMember().getReference()))) {
				currentTeams.add(ref(team));
			}
		}
		List<CarePlan> plans = new ArrayList<>();
		for (Resource r : byReference("CarePlan", CarePlan.SP_CARE_TEAM, currentTeams)) {
			CarePlan plan = (CarePlan) r;
			if (!objects(plan.getSubject().getReference(), relatedPerson)) {
				plans.add(plan);
			}
		}
		addPlans(access, plans, false, false);
		return access;
	}

	/** Plans with their care teams, person, Goals, and (when {@code related}) Consents and Tasks. */
	private void addPlans(AccessSet access, List<CarePlan> plans, boolean write, boolean related) {
		if (plans.isEmpty()) {
			return;
		}
		Set<String> patients = new HashSet<>();
		List<String> planRefs = new ArrayList<>();
		for (CarePlan plan : plans) {
			access.add(ref(plan), write);
			planRefs.add(ref(plan));
			String patient = plan.getSubject().getReference();
			access.add(patient, write);
			if (patient != null) {
				patients.add(patient);
			}
			plan.getGoal().forEach(g -> access.add(g.getReference(), write));
			for (Reference teamRef : plan.getCareTeam()) {
				access.add(teamRef.getReference(), write);
				read("CareTeam", teamRef.getReference()).ifPresent(team -> ((CareTeam) team).getParticipant().forEach(p -> {
					String member = p.getMember().getReference();
					if (member != null && member.startsWith("RelatedPerson/")) {
						access.add(member, false);
					}
				}));
			}
			if (related) {
				plan.getSupportingInfo().forEach(c -> access.add(c.getReference(), write));
			}
		}
		if (related) {
			byReference("Consent", Consent.SP_PATIENT, patients).forEach(c -> access.add(ref(c), write));
			byReference("Task", Task.SP_FOCUS, planRefs).forEach(t -> access.add(ref(t), write));
		}
	}

	private boolean coveredByActiveSipConsent(CarePlan plan, Set<String> orgIds) {
		for (Reference info : plan.getSupportingInfo()) {
			if (info.getReference() == null || !info.getReference().startsWith("Consent/")) {
				continue;
			}
			var found = read("Consent", info.getReference());
			if (found.isEmpty()) {
				continue;
			}
			Consent consent = (Consent) found.get();
			boolean sipConsent = consent.getCategory().stream()
					.anyMatch(c -> c.hasCoding(CONSENT_CATEGORY, "sip-consent"));
			if (sipConsent && consent.getStatus() == Consent.ConsentState.ACTIVE
					&& consent.getOrganization().stream().anyMatch(o -> isOneOf(o, orgIds))) {
				return true;
			}
		}
		return false;
	}

	/** Whether the person has an active objection to relatives that covers this RelatedPerson. */
	private boolean objects(String patient, String relatedPerson) {
		if (patient == null) {
			return true;
		}
		for (Resource r : byReference("Consent", Consent.SP_PATIENT, List.of(patient))) {
			Consent consent = (Consent) r;
			boolean objection = consent.getStatus() == Consent.ConsentState.ACTIVE
					&& consent.getCategory().stream().anyMatch(c -> c.hasCoding(CONSENT_CATEGORY, "relative-participation"))
					&& consent.getProvision().getType() == Consent.ConsentProvisionType.DENY;
			if (!objection) {
				continue;
			}
			if (consent.getProvision().getActor().isEmpty() || consent.getProvision().getActor().stream()
					.anyMatch(a -> relatedPerson.equals(a.getReference().getReference()))) {
				return true;
			}
		}
		return false;
	}

	static boolean isSip(CarePlan plan) {
		return plan.getCategory().stream().anyMatch(c -> c.hasCoding(PLAN_TYPE, "sip"));
	}

	static java.util.Optional<Reference> overallResponsibility(CarePlan plan) {
		Extension extension = plan.getExtensionByUrl(OVERALL);
		return extension != null && extension.getValue() instanceof Reference r
				? java.util.Optional.of(r)
				: java.util.Optional.empty();
	}

	static boolean isPrincipal(CareTeam.CareTeamParticipantComponent participant) {
		return participant.getRole().stream().anyMatch(r -> r.hasCoding(ROLE, "principal"));
	}

	static boolean current(CareTeam.CareTeamParticipantComponent participant) {
		return !participant.hasPeriod() || !participant.getPeriod().hasEnd()
				|| participant.getPeriod().getEnd().after(new Date());
	}

	public static boolean isOneOf(Reference reference, Set<String> orgIds) {
		String value = reference == null ? null : reference.getReference();
		if (value == null || !value.startsWith("Organization/")) {
			return false;
		}
		return orgIds.contains(value.substring("Organization/".length()).replaceAll("/_history.*", ""));
	}

	java.util.Optional<IBaseResource> read(String type, String reference) {
		if (reference == null || !reference.startsWith(type + "/")) {
			return java.util.Optional.empty();
		}
		try {
			return java.util.Optional.of(daos.getResourceDao(type)
					.read(new org.hl7.fhir.r4.model.IdType(reference).toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (RuntimeException e) {
			return java.util.Optional.empty();
		}
	}

	private List<Resource> byReference(String type, String param, Collection<String> references) {
		if (references.isEmpty()) {
			return List.of();
		}
		ReferenceOrListParam or = new ReferenceOrListParam();
		references.forEach(r -> or.addOr(new ReferenceParam(r)));
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(param, or);
		return search(type, map);
	}

	private List<Resource> search(String type, SearchParameterMap map) {
		List<Resource> found = new ArrayList<>();
		try {
			daos.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources()
					.forEach(r -> found.add((Resource) r));
		} catch (ca.uhn.fhir.rest.server.exceptions.InvalidRequestException e) {
			// e.g. a custom search parameter not installed yet: grants nothing
			org.slf4j.LoggerFactory.getLogger(AccessResolver.class).warn("access lookup {} failed: {}", type, e.getMessage());
		}
		return found;
	}

	private static String ref(IBaseResource resource) {
		return resource.getIdElement().toUnqualifiedVersionless().getValue();
	}
}
