package se.karta.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * SMART on FHIR resource scopes, v1 ({@code user/CarePlan.read}, {@code user/*.write},
 * {@code system/*.*}) and v2 ({@code patient/CarePlan.rs}, {@code user/*.cruds}). A v2 scope with a
 * query ({@code ?category=...}) is not honoured (it grants nothing), so nothing is broader than asked.
 */
public final class Scopes {

	/** What a scope lets a caller do with a resource type. */
	public enum Access {
		READ,
		WRITE
	}

	/** One parsed resource scope. */
	record Grant(String context, String type, boolean read, boolean write) {}

	private final List<Grant> grants;
	private final List<String> raw;

	private Scopes(List<Grant> grants, List<String> raw) {
		this.grants = grants;
		this.raw = raw;
	}

	public static Scopes parse(Collection<String> scopes) {
		List<Grant> grants = new ArrayList<>();
		for (String scope : scopes) {
			Grant grant = parseOne(scope);
			if (grant != null) {
				grants.add(grant);
			}
		}
		return new Scopes(grants, List.copyOf(scopes));
	}

	private static Grant parseOne(String scope) {
		int slash = scope.indexOf('/');
		int dot = scope.lastIndexOf('.');
		if (slash <= 0 || dot < slash || scope.contains("?")) {
			return null;
		}
		String context = scope.substring(0, slash).toLowerCase(Locale.ROOT);
		if (!List.of("user", "patient", "system").contains(context)) {
			return null;
		}
		String type = scope.substring(slash + 1, dot);
		String permission = scope.substring(dot + 1);
		boolean read;
		boolean write;
		switch (permission) {
			case "*" -> {
				read = true;
				write = true;
			}
			case "read" -> {
				read = true;
				write = false;
			}
			case "write" -> {
				read = false;
				write = true;
			}
			default -> {
				if (!permission.matches("c?r?u?d?s?")) {
					return null;
				}
				read = permission.contains("r") || permission.contains("s");
				write = permission.contains("c") || permission.contains("u") || permission.contains("d");
			}
		}
		return new Grant(context, type, read, write);
	}

	/** Whether any scope of one of {@code contexts} grants {@code access} to {@code resourceType}. */
	public boolean permits(String resourceType, Access access, Collection<String> contexts) {
		for (Grant grant : grants) {
			if (!contexts.contains(grant.context())) {
				continue;
			}
			if (!grant.type().equals("*") && !grant.type().equals(resourceType)) {
				continue;
			}
			if (access == Access.READ ? grant.read() : grant.write()) {
				return true;
			}
		}
		return false;
	}

	public boolean contains(String scope) {
		return raw.contains(scope);
	}

	public List<String> raw() {
		return raw;
	}
}
