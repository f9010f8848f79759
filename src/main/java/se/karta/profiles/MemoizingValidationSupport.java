package se.karta.profiles;

import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ValueSet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Memoizes the terminology answers and resource look-ups of a validation support chain in plain
 * concurrent maps. The conformance content of Karta is fixed at startup, so answers never go stale.
 * (The chain's own Caffeine cache hands maintenance work to the common fork-join pool on every read,
 * which costs more than the look-ups themselves on small machines.) Bounded: cleared when it grows past
 * {@value #MAX_ENTRIES} entries.
 */
final class MemoizingValidationSupport extends BaseValidationSupportWrapper {

	private static final int MAX_ENTRIES = 50_000;

	private final Map<Object, Optional<Object>> memo = new ConcurrentHashMap<>();

	MemoizingValidationSupport(IValidationSupport chain) {
		super(chain.getFhirContext(), chain);
	}

	@Override
	public String getName() {
		return "Karta memoizing validation support";
	}

	@Override
	public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
			String system, String code, String display, String valueSetUrl) {
		return remember(List.of("validateCode", copy(options), nz(system), nz(code), nz(display), nz(valueSetUrl)),
				() -> super.validateCode(context, options, system, code, display, valueSetUrl));
	}

	@Override
	public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context,
			ConceptValidationOptions options, String system, String code, String display, IBaseResource valueSet) {
		String valueSetKey = valueSet instanceof ValueSet vs && vs.hasUrl() ? vs.getUrl() + "|" + vs.getVersion() : null;
		if (valueSetKey == null) {
			return super.validateCodeInValueSet(context, options, system, code, display, valueSet);
		}
		return remember(List.of("validateCodeInValueSet", copy(options), nz(system), nz(code), nz(display), valueSetKey),
				() -> super.validateCodeInValueSet(context, options, system, code, display, valueSet));
	}

	@Override
	public boolean isCodeSystemSupported(ValidationSupportContext context, String system) {
		return remember(List.of("isCodeSystemSupported", nz(system)), () -> super.isCodeSystemSupported(context, system));
	}

	@Override
	public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
		return remember(List.of("isValueSetSupported", nz(valueSetUrl)), () -> super.isValueSetSupported(context, valueSetUrl));
	}

	@Override
	public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
		return remember(List.of("fetchResource", type == null ? "" : type.getName(), nz(uri)),
				() -> super.fetchResource(type, uri));
	}

	@Override
	public IBaseResource fetchStructureDefinition(String url) {
		return remember(List.of("fetchStructureDefinition", nz(url)), () -> super.fetchStructureDefinition(url));
	}

	@Override
	public IBaseResource fetchCodeSystem(String system) {
		return remember(List.of("fetchCodeSystem", nz(system)), () -> super.fetchCodeSystem(system));
	}

	@Override
	public IBaseResource fetchValueSet(String uri) {
		return remember(List.of("fetchValueSet", nz(uri)), () -> super.fetchValueSet(uri));
	}

	@SuppressWarnings("unchecked")
	private <T> T remember(Object key, Supplier<T> answer) {
		Optional<Object> known = memo.get(key);
		if (known == null) {
			if (memo.size() > MAX_ENTRIES) {
				memo.clear();
			}
			known = Optional.ofNullable(answer.get());
			memo.put(key, known);
		}
		return (T) known.orElse(null);
	}

	private static String copy(ConceptValidationOptions options) {
		return options == null ? "-" : options.isValidateDisplay() + "/" + options.isInferSystem();
	}

	private static String nz(String value) {
		return value == null ? "" : value;
	}
}
