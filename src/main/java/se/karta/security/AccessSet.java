package se.karta.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan-related resources one caller may read and write, by type and id part. Computed by
 * {@link AccessResolver}; immutable once built.
 */
public final class AccessSet {

	/** Resource types whose instances are narrowed to an access set. */
	public static final List<String> PLAN_TYPES = List.of(
			"CarePlan", "CareTeam", "Consent", "Goal", "Task", "Patient", "RelatedPerson", "QuestionnaireResponse");

	/** Resource types an organisation owns: its own Subscriptions (tagged {@code KartaTerms.CS_SUBSCRIPTION_OWNER}). */
	public static final List<String> OWNED_TYPES = List.of("Subscription");

	/** Every type whose instances are narrowed to an access set. */
	public static final List<String> NARROWED_TYPES = java.util.stream.Stream
			.concat(PLAN_TYPES.stream(), OWNED_TYPES.stream()).toList();

	public static final AccessSet EMPTY = new AccessSet(Set.of());

	private final Map<String, Set<String>> readable = new HashMap<>();
	private final Map<String, Set<String>> writable = new HashMap<>();
	private final Set<String> organizationIds;

	AccessSet(Set<String> organizationIds) {
		this.organizationIds = organizationIds;
	}

	void add(String reference, boolean write) {
		if (reference == null) {
			return;
		}
		String[] parts = reference.split("/");
		if (parts.length < 2) {
			return;
		}
		String type = parts[parts.length - 2];
		String id = parts[parts.length - 1];
		readable.computeIfAbsent(type, t -> new HashSet<>()).add(id);
		if (write) {
			writable.computeIfAbsent(type, t -> new HashSet<>()).add(id);
		}
	}

	public Set<String> readable(String type) {
		return readable.getOrDefault(type, Set.of());
	}

	public Set<String> writable(String type) {
		return writable.getOrDefault(type, Set.of());
	}

	public boolean canRead(String type, String id) {
		return readable(type).contains(id);
	}

	public boolean canWrite(String type, String id) {
		return writable(type).contains(id);
	}

	/** The resource ids of the caller's own organisation (by its HSA-id). */
	public Set<String> organizationIds() {
		return organizationIds;
	}
}
