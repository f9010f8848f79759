package se.karta.security.audit;

import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import se.karta.server.Outcomes;

/**
 * {@code /fhir/AuditEvent}: read and search of the audit trail ({@link AuditEventStore}), and nothing
 * else: AuditEvents are written by the server alone, so create, update, patch and delete are not
 * interactions of this type (405). Search takes {@code _id}, {@code date}, {@code entity},
 * {@code agent}, {@code patient}, {@code outcome}, {@code action}, {@code type}, {@code subtype}
 * (see {@link AuditSearchTerms}), {@code _sort=date|-date} (newest first by default), {@code _count}
 * and {@code _offset}; any other parameter is a 400.
 */
public class AuditEventProvider implements IResourceProvider {

	private final AuditEventStore store;
	private final int defaultPageSize;
	private final int maxPageSize;

	public AuditEventProvider(AuditEventStore store, int defaultPageSize, int maxPageSize) {
		this.store = store;
		this.defaultPageSize = defaultPageSize;
		this.maxPageSize = maxPageSize;
	}

	@Override
	public Class<AuditEvent> getResourceType() {
		return AuditEvent.class;
	}

	@Read(version = true)
	public AuditEvent read(@IdParam IdType id) {
		AuditEvent event = store.read(id.getIdPart()).filter(e -> !id.hasVersionIdPart() || "1".equals(id.getVersionIdPart()))
				.orElseThrow(() -> new ResourceNotFoundException(id.getValue(), Outcomes.error(IssueType.NOTFOUND,
						"Loggposten " + id.toUnqualifiedVersionless().getValue() + " finns inte.",
						"AuditEvent " + id.getValue() + " is not known")));
		return event;
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = "_id") TokenAndListParam ids,
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
			@OptionalParam(name = AuditSearchTerms.ENTITY) ReferenceAndListParam entity,
			@OptionalParam(name = AuditSearchTerms.AGENT) ReferenceAndListParam agent,
			@OptionalParam(name = AuditSearchTerms.PATIENT) ReferenceAndListParam patient,
			@OptionalParam(name = AuditSearchTerms.OUTCOME) TokenAndListParam outcome,
			@OptionalParam(name = AuditSearchTerms.ACTION) TokenAndListParam action,
			@OptionalParam(name = AuditSearchTerms.TYPE) TokenAndListParam type,
			@OptionalParam(name = AuditSearchTerms.SUBTYPE) TokenAndListParam subtype,
			@Sort SortSpec sort,
			@Count Integer count,
			@Offset Integer offset) {
		AuditSearch.Builder search = AuditSearch.builder().oldestFirst(oldestFirst(sort));
		if (ids != null) {
			for (TokenOrListParam anyOf : ids.getValuesAsQueryTokens()) {
				search.ids(values(anyOf, TokenParam::getValue));
			}
		}
		if (date != null) {
			search.from(date.getLowerBoundAsInstant() == null ? null : date.getLowerBoundAsInstant().toInstant());
			search.to(date.getUpperBoundAsInstant() == null ? null : date.getUpperBoundAsInstant().toInstant());
		}
		references(search, AuditSearchTerms.ENTITY, entity);
		references(search, AuditSearchTerms.AGENT, agent);
		references(search, AuditSearchTerms.PATIENT, patient);
		tokens(search, AuditSearchTerms.OUTCOME, outcome);
		tokens(search, AuditSearchTerms.ACTION, action);
		tokens(search, AuditSearchTerms.TYPE, type);
		tokens(search, AuditSearchTerms.SUBTYPE, subtype);
		int pageSize = count == null || count <= 0 ? defaultPageSize : Math.min(count, maxPageSize);
		return new Page(store, search.build(), offset == null ? 0 : Math.max(offset, 0), pageSize);
	}

	private static boolean oldestFirst(SortSpec sort) {
		if (sort == null) {
			return false;
		}
		if (!AuditEvent.SP_DATE.equals(sort.getParamName()) || sort.getChain() != null) {
			throw invalid("Loggposter kan bara sorteras på date.",
					"AuditEvents can only be sorted by date (_sort=date or _sort=-date), not " + sort.getParamName());
		}
		return sort.getOrder() != SortOrderEnum.DESC;
	}

	private static void tokens(AuditSearch.Builder search, String param, TokenAndListParam and) {
		if (and == null) {
			return;
		}
		for (TokenOrListParam anyOf : and.getValuesAsQueryTokens()) {
			search.term(param, values(anyOf, token -> {
				if (token.getModifier() != null) {
					throw invalid("Sökparametern " + param + " tar inga modifierare.",
							"Search parameter " + param + " takes no modifier (" + token.getModifier().getValue() + ")");
				}
				return new AuditSearch.Value(token.getSystem(), token.getValue());
			}));
		}
	}

	private static void references(AuditSearch.Builder search, String param, ReferenceAndListParam and) {
		if (and == null) {
			return;
		}
		for (ReferenceOrListParam anyOf : and.getValuesAsQueryTokens()) {
			List<AuditSearch.Value> references = new ArrayList<>();
			List<AuditSearch.Value> identifiers = new ArrayList<>();
			for (ReferenceParam reference : anyOf.getValuesAsQueryTokens()) {
				if ("identifier".equals(reference.getResourceType())) {
					identifiers.add(AuditSearch.Value.token(reference.getValue()));
				} else {
					references.add(AuditSearch.Value.reference(reference(param, reference)));
				}
			}
			if (!identifiers.isEmpty() && !references.isEmpty()) {
				throw invalid("Sök antingen på referens eller på identifierare i " + param + ", inte båda samtidigt.",
						"Search parameter " + param + ": give references or :identifier values, not both in one parameter");
			}
			if (identifiers.isEmpty()) {
				search.term(param, references);
			} else {
				search.term(param + AuditSearchTerms.IDENTIFIER, identifiers);
			}
		}
	}

	private static String reference(String param, ReferenceParam reference) {
		if (reference.getChain() != null) {
			throw invalid("Sökparametern " + param + " kan inte kedjas.",
					"Search parameter " + param + " cannot be chained (" + param + "." + reference.getChain() + ")");
		}
		String type = reference.getResourceType();
		if (type == null && AuditSearchTerms.PATIENT.equals(param)) {
			type = "Patient";
		}
		String normalised = type == null ? null : AuditSearchTerms.normalisedReference(type + "/" + reference.getIdPart());
		if (normalised == null) {
			throw invalid("Ange " + param + " som Typ/id, till exempel CarePlan/123.",
					"Search parameter " + param + " needs a reference of the form Type/id, e.g. CarePlan/123: "
							+ reference.getValue());
		}
		return normalised;
	}

	private static <T extends ca.uhn.fhir.model.api.IQueryParameterType, V> List<V> values(
			IQueryParameterOr<T> anyOf, Function<T, V> value) {
		return anyOf.getValuesAsQueryTokens().stream().map(value).toList();
	}

	private static InvalidRequestException invalid(String textSv, String diagnosticsEn) {
		return new InvalidRequestException(diagnosticsEn, Outcomes.error(IssueType.INVALID, textSv, diagnosticsEn));
	}

	/** One page of a search, found by offset; the total is counted only when asked for. */
	private static final class Page implements IBundleProvider {
		private final AuditEventStore store;
		private final AuditSearch search;
		private final int offset;
		private final int pageSize;
		private final Date published = new Date();
		private Integer total;

		Page(AuditEventStore store, AuditSearch search, int offset, int pageSize) {
			this.store = store;
			this.search = search;
			this.offset = offset;
			this.pageSize = pageSize;
		}

		@Override
		public IPrimitiveType<Date> getPublished() {
			return new InstantType(published);
		}

		@Override
		public List<IBaseResource> getResources(int fromIndex, int toIndex) {
			return new ArrayList<>(store.page(search, offset, pageSize));
		}

		@Override
		public String getUuid() {
			return null;
		}

		@Override
		public Integer preferredPageSize() {
			return pageSize;
		}

		@Override
		public Integer getCurrentPageOffset() {
			return offset;
		}

		@Override
		public Integer getCurrentPageSize() {
			return pageSize;
		}

		@Override
		public Integer size() {
			if (total == null) {
				total = store.count(search);
			}
			return total;
		}
	}
}
