package se.karta.enforcement;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.IValidationContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import se.karta.profiles.ProfileValidator;
import se.karta.rules.InMemoryRuleContext;
import se.karta.rules.RuleContext;
import se.karta.rules.RuleRegistry;
import se.karta.rules.RuleViolation;

/**
 * What {@code $validate} runs: the Karta profile (or the one named by {@code profile=}) and the legal
 * rules, exactly as a write would, without storing anything. A Bundle is checked entry by entry,
 * its entries seeing each other by {@code fullUrl}. Rule findings travel through HAPI's validation
 * result with a {@code karta-rule:} message id; {@link ValidateOutcomeInterceptor} gives them the
 * same OperationOutcome shape as a rejected write.
 */
public class KartaInstanceValidatorModule implements IInstanceValidatorModule {

	static final String RULE_MESSAGE_PREFIX = "karta-rule:";
	/** Separates the Swedish text from the English diagnostics inside one validation message. */
	static final String TEXT_SEPARATOR = " \u2016 ";

	private final ProfileValidator profileValidator;
	private final RuleRegistry rules;
	private final DaoRegistry daoRegistry;

	public KartaInstanceValidatorModule(ProfileValidator profileValidator, RuleRegistry rules, DaoRegistry daoRegistry) {
		this.profileValidator = profileValidator;
		this.rules = rules;
		this.daoRegistry = daoRegistry;
	}

	@Override
	public void validateResource(IValidationContext<IBaseResource> context) {
		IBaseResource resource = unwrap(context.getResource());
		List<String> profiles = List.copyOf(context.getOptions().getProfiles());
		ValidationResult profileResult = profiles.isEmpty()
				? profileValidator.validate(resource)
				: profileValidator.validate(resource, profiles.get(0));
		profileResult.getMessages().forEach(context::addValidationMessage);

		if (resource instanceof Bundle bundle && bundle.getType() != Bundle.BundleType.SEARCHSET) {
			InMemoryRuleContext inBundle = InMemoryRuleContext.fromBundle(bundle);
			for (int i = 0; i < bundle.getEntry().size(); i++) {
				Resource entry = bundle.getEntry().get(i).getResource();
				if (entry != null) {
					report(context, rules.check(entry, inBundle), "Bundle.entry[" + i + "].resource.");
				}
			}
		} else if (resource instanceof Resource single) {
			RuleContext stored = new StoredRuleContext(daoRegistry).with(single);
			report(context, rules.check(single, stored), "");
		}
	}

	/** HAPI hands {@code $validate}'s whole request body here; the resource is its {@code resource} parameter. */
	private static IBaseResource unwrap(IBaseResource resource) {
		if (resource instanceof Parameters parameters && parameters.getParameter("resource") != null
				&& parameters.getParameter("resource").getResource() != null) {
			return parameters.getParameter("resource").getResource();
		}
		return resource;
	}

	/** {@code CarePlan.activity[0]} → {@code activity[0]}, to hang below {@code Bundle.entry[i].resource}. */
	private static String relative(String expression) {
		int dot = expression == null ? -1 : expression.indexOf('.');
		return dot < 0 ? "" : expression.substring(dot + 1);
	}

	private static void report(IValidationContext<IBaseResource> context, List<RuleViolation> violations, String prefix) {
		for (RuleViolation violation : violations) {
			SingleValidationMessage message = new SingleValidationMessage();
			message.setSeverity(ResultSeverityEnum.ERROR);
			message.setMessageId(RULE_MESSAGE_PREFIX + violation.ruleId());
			message.setLocationString(prefix.isEmpty() ? violation.expression() : prefix + relative(violation.expression()));
			message.setMessage(violation.messageSv() + TEXT_SEPARATOR + violation.diagnosticsEn());
			context.addValidationMessage(message);
		}
	}
}
