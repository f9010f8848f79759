package se.karta.profiles;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.IValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.validator.FhirDefaultPolicyAdvisor;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Element;
import org.hl7.fhir.r5.elementmodel.Manager;
import org.hl7.fhir.r5.elementmodel.ParserBase;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.json.model.JsonArray;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The HL7 instance validator as a HAPI validator module, like {@link FhirInstanceValidator} but with a
 * pool of reusable {@link InstanceValidator}s: HAPI builds a new one per call, and each construction
 * parses the validator's OID registry (tens of milliseconds), which would dominate a warm validation.
 * An {@code InstanceValidator} clears its per-run state at the start of each validation; pooled ones
 * are retired after {@value #MAX_USES} uses so that their small lookup caches cannot grow unbounded.
 *
 * <p>Unlike HAPI's default, codes from code systems the chain does not know (SNOMED CT etc.) are at
 * most warnings: there is no terminology server and validation must never fail or block on one.
 */
final class PooledInstanceValidatorModule implements IValidatorModule {

	private static final int MAX_USES = 1000;

	private final WorkerContextValidationSupportAdapter workerContext;
	private final ConcurrentLinkedDeque<PooledValidator> pool = new ConcurrentLinkedDeque<>();
	/** Resource type name to its core definition, as the element model parser finds it; see {@link KnownTypesJsonParser}. */
	private final Map<String, StructureDefinition> typeDefinitions = new ConcurrentHashMap<>();

	PooledInstanceValidatorModule(IValidationSupport validationSupport) {
		this.workerContext = new KnownResourcesWorkerContext(validationSupport);
	}

	@Override
	public void validateResource(IValidationContext<IBaseResource> context) {
		if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
			throw new IllegalArgumentException("Only JSON-encoded validation is supported");
		}
		for (ValidationMessage message : validate(context)) {
			context.addValidationMessage(toHapi(message));
		}
	}

	private List<ValidationMessage> validate(IValidationContext<IBaseResource> context) {
		List<ValidationMessage> messages = new ArrayList<>();
		String encoded = context.getResourceAsString();
		JsonObject json = parseJson(encoded);
		List<StructureDefinition> profiles = profiles(context, json, messages);
		PooledValidator pooled = borrow();
		try {
			if (json != null) {
				// what InstanceValidator.validate(appContext, messages, json, profiles) does, with a parser that
				// looks resource types up in a map instead of scanning every StructureDefinition per parse
				org.hl7.fhir.r5.elementmodel.JsonParser parser =
						new KnownTypesJsonParser(workerContext, pooled.utilities, typeDefinitions);
				parser.setupValidation(ParserBase.ValidationPolicy.EVERYTHING);
				Element element = parser.parse(messages, json);
				if (element != null) {
					pooled.validator.validate(context.getOptions().getAppContext(), messages, null, element, profiles);
				}
			} else {
				pooled.validator.validate(context.getOptions().getAppContext(), messages,
						new ByteArrayInputStream(encoded.getBytes(StandardCharsets.UTF_8)), Manager.FhirFormat.JSON, profiles);
			}
		} finally {
			giveBack(pooled);
		}
		return messages;
	}

	/**
	 * The JSON tree, parsed with the options the validator's own stream entry point uses (comments and
	 * duplicate-key reporting on). Going in through the tree lets the validator build its element model
	 * with its own FHIRPath engine, where the stream entry point makes a new parser with a new engine
	 * per call. {@code null} if the text is not well-formed JSON: then the stream entry point reports it.
	 */
	private static JsonObject parseJson(String encoded) {
		try {
			return org.hl7.fhir.utilities.json.parser.JsonParser.parseObject(encoded, true, true, 0);
		} catch (IOException | RuntimeException notJson) {
			return null;
		}
	}

	/**
	 * The requested profiles (unknown: error) and the resource's {@code meta.profile} (unknown: warning,
	 * since a client may declare profiles of other guides that Karta does not hold). Read from the JSON,
	 * so that validating a resource given as text does not parse it into a HAPI resource as well.
	 */
	private List<StructureDefinition> profiles(
			IValidationContext<IBaseResource> context, JsonObject json, List<ValidationMessage> messages) {
		Set<String> requested = new LinkedHashSet<>(context.getOptions().getProfiles());
		Set<String> declared = new LinkedHashSet<>();
		String type = "Resource";
		if (json != null) {
			type = json.asString("resourceType");
			declared.addAll(declaredProfiles(json));
		}
		List<StructureDefinition> profiles = new ArrayList<>();
		addProfiles(requested, ValidationMessage.IssueSeverity.ERROR, profiles, messages, type);
		declared.removeAll(requested);
		addProfiles(declared, ValidationMessage.IssueSeverity.WARNING, profiles, messages, type);
		return profiles;
	}

	/** {@code meta.profile}, or nothing if it is not an array of strings (the validator reports that). */
	private static List<String> declaredProfiles(JsonObject json) {
		try {
			JsonObject meta = json.getJsonObject("meta");
			JsonArray profiles = meta == null ? null : meta.getJsonArray("profile");
			return profiles == null ? List.of()
					: profiles.asStrings().stream().filter(java.util.Objects::nonNull).toList();
		} catch (RuntimeException malformed) {
			return List.of();
		}
	}

	private void addProfiles(Set<String> urls, ValidationMessage.IssueSeverity severityIfUnknown,
			List<StructureDefinition> profiles, List<ValidationMessage> messages, String type) {
		for (String url : urls) {
			StructureDefinition profile = workerContext.fetchResource(StructureDefinition.class, url);
			if (profile != null) {
				profiles.add(profile);
			} else {
				messages.add(new ValidationMessage(ValidationMessage.Source.InstanceValidator,
						ValidationMessage.IssueType.NOTFOUND, type + ".meta.profile",
						"Unknown profile " + url + " (profilen är okänd)", severityIfUnknown));
			}
		}
	}

	private PooledValidator borrow() {
		PooledValidator pooled = pool.pollFirst();
		return pooled != null ? pooled : new PooledValidator(newInstanceValidator(), workerContext);
	}

	private void giveBack(PooledValidator pooled) {
		if (++pooled.uses < MAX_USES) {
			pool.offerFirst(pooled);
		}
	}

	private InstanceValidator newInstanceValidator() {
		InstanceValidator validator = new InstanceValidator(workerContext, new FhirInstanceValidator.NullEvaluationContext(),
				new XVerExtensionManagerOld(workerContext), new ValidatorSession(), new ValidatorSettings());
		validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Warning);
		validator.setAnyExtensionsAllowed(true);
		validator.setResourceIdRule(IdStatus.OPTIONAL);
		validator.setNoTerminologyChecks(false);
		validator.setErrorForUnknownProfiles(true);
		validator.setUnknownCodeSystemsCauseErrors(false);
		validator.setAllowXsiLocation(true);
		// reference targets are not fetched; the rules engine looks across resources
		validator.setPolicyAdvisor(new FhirDefaultPolicyAdvisor());
		return validator;
	}

	private static SingleValidationMessage toHapi(ValidationMessage message) {
		SingleValidationMessage hapi = new SingleValidationMessage();
		if (message.getCol() != -1) {
			hapi.setLocationCol(message.getCol());
		}
		if (message.getLine() != -1) {
			hapi.setLocationLine(message.getLine());
		}
		hapi.setLocationString(message.getLocation());
		hapi.setMessage(message.getMessage());
		if (message.getLevel() != null) {
			hapi.setSeverity(ResultSeverityEnum.fromCode(message.getLevel().toCode()));
		}
		if (message.getMessageId() != null && !message.getMessageId().contains(" ")) {
			hapi.setMessageId(message.getMessageId());
		}
		if (message.hasSliceInfo()) {
			hapi.setSliceMessages(message.getSliceInfo().stream().map(ValidationMessage::getMessage).toList());
		}
		return hapi;
	}

	/**
	 * The HL7 element model JSON parser, but the definition of a resource type is found once and then
	 * kept: HAPI's parser finds it by walking every StructureDefinition of the context (building a URL
	 * string for each) on every parse, about a seventh of a warm validation. The context is fixed (Karta's
	 * package and the R4 core), so the same name always finds the same definition; a name it does not
	 * know is not kept and is reported by the parser as before.
	 */
	private static final class KnownTypesJsonParser extends org.hl7.fhir.r5.elementmodel.JsonParser {

		private final Map<String, StructureDefinition> known;

		KnownTypesJsonParser(IWorkerContext context, ProfileUtilities utilities, Map<String, StructureDefinition> known) {
			super(context, utilities);
			this.known = known;
		}

		@Override
		protected StructureDefinition getDefinition(List<ValidationMessage> errors, int line, int col, String name) {
			StructureDefinition definition = name == null ? null : known.get(name);
			if (definition == null) {
				definition = super.getDefinition(errors, line, col, name);
				if (definition != null) {
					known.put(name, definition);
				}
			}
			return definition;
		}
	}

	/**
	 * HAPI's adapter from the validation support chain to the HL7 validator's worker context, with the
	 * conformance resources it hands out kept by type and URL: the validator asks for the same profiles
	 * and extension definitions again and again, and each time the adapter looks up the resource type,
	 * asks the chain and checks its converted copy. Karta's chain is fixed (the package and the R4 core),
	 * so an answer, found or not, stays true. URLs it does not know (other guides' extensions a client
	 * sends) are remembered up to a limit, so that they cannot fill the memory.
	 */
	private static final class KnownResourcesWorkerContext extends WorkerContextValidationSupportAdapter {

		private record Key(Class<?> type, String url) {}

		private static final int MAX_KEPT = 10_000;

		private final Map<Key, java.util.Optional<org.hl7.fhir.r5.model.Resource>> known = new ConcurrentHashMap<>();

		KnownResourcesWorkerContext(IValidationSupport validationSupport) {
			super(validationSupport);
		}

		@Override
		public <T extends org.hl7.fhir.r5.model.Resource> T fetchResource(Class<T> type, String url) {
			if (url == null) {
				return null;
			}
			Key key = new Key(type, url);
			java.util.Optional<org.hl7.fhir.r5.model.Resource> kept = known.get(key);
			if (kept != null) {
				return type.cast(kept.orElse(null));
			}
			T found = super.fetchResource(type, url);
			if (found != null || known.size() < MAX_KEPT) {
				known.put(key, java.util.Optional.ofNullable(found));
			}
			return found;
		}
	}

	private static final class PooledValidator {
		private final InstanceValidator validator;
		/**
		 * The parser's profile utilities, kept for the validator's life (a new one per parse would work out
		 * the context's concrete resource types again each time); used by one thread at a time, like the
		 * validator.
		 */
		private final ProfileUtilities utilities;
		private int uses;

		private PooledValidator(InstanceValidator validator, IWorkerContext context) {
			this.validator = validator;
			this.utilities = new ProfileUtilities(context, null, null, validator.getFHIRPathEngine());
		}
	}
}
