package se.karta.security.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A search of the audit trail: every condition must hold (AND); each condition is met by any of its
 * values (OR). Values are normalised as {@link AuditSearchTerms} keeps them.
 *
 * @param ids {@code _id}: any of these
 * @param from {@code date} lower bound (inclusive), or null
 * @param to {@code date} upper bound (inclusive), or null
 * @param terms the other parameters
 * @param oldestFirst {@code _sort=date}; newest first otherwise
 */
record AuditSearch(List<String> ids, Instant from, Instant to, List<TermCondition> terms, boolean oldestFirst) {

	/** One parameter of the search: {@code param} has any of {@code anyOf}. */
	record TermCondition(String param, List<Value> anyOf) {}

	/**
	 * A value searched for: {@code system} null matches any system, empty only none (a reference,
	 * {@code |code}).
	 */
	record Value(String system, String value) {

		/** A token as written in a search: {@code code}, {@code system|code} or {@code |code}. */
		static Value token(String token) {
			int bar = token.indexOf('|');
			return bar < 0 ? new Value(null, token) : new Value(token.substring(0, bar), token.substring(bar + 1));
		}

		static Value reference(String reference) {
			return new Value("", reference);
		}
	}

	static Builder builder() {
		return new Builder();
	}

	static final class Builder {
		private final List<String> ids = new ArrayList<>();
		private Instant from;
		private Instant to;
		private final List<TermCondition> terms = new ArrayList<>();
		private boolean oldestFirst;

		Builder ids(List<String> anyOf) {
			ids.addAll(anyOf);
			return this;
		}

		Builder from(Instant from) {
			this.from = from;
			return this;
		}

		Builder to(Instant to) {
			this.to = to;
			return this;
		}

		Builder term(String param, List<Value> anyOf) {
			terms.add(new TermCondition(param, List.copyOf(anyOf)));
			return this;
		}

		Builder oldestFirst(boolean oldestFirst) {
			this.oldestFirst = oldestFirst;
			return this;
		}

		AuditSearch build() {
			return new AuditSearch(List.copyOf(ids), from, to, List.copyOf(terms), oldestFirst);
		}
	}
}
