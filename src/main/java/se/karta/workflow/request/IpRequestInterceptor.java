package se.karta.workflow.request;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.karta.terms.KartaTerms;
import se.karta.rules.References;
import se.karta.workflow.IpRequestValidator;
import se.karta.workflow.MissingAnswer;
import se.karta.workflow.TaskFactory;
import se.karta.workflow.tasks.StoredResources;
import se.karta.workflow.tasks.TaskStore;

/**
 * The person's own request for an individual plan: a QuestionnaireResponse to the {@code ip-request}
 * Questionnaire.
 *
 * <ul>
 *   <li>A submitted response (status {@code completed} or {@code amended}) is checked before storage with
 *       {@link IpRequestValidator}; every missing required answer is named in one 422 OperationOutcome
 *       (code {@code required}, {@code expression} the item). A response still {@code in-progress} is a
 *       saved draft and is stored as it is.</li>
 *   <li>When a complete response is stored (or an earlier draft becomes completed), an {@code ip-request}
 *       Task (focus the response) goes in the same database transaction to the chosen principal: the
 *       Organization answered in {@code principal.organization}, else the one Organization whose name and
 *       principal type match {@code principal.name} and {@code principal.type}. {@code for} is the
 *       response's subject, else the Patient with the answered personnummer. When either cannot be
 *       found, the response is stored without a Task (and a warning is logged).</li>
 * </ul>
 */
@Interceptor
public class IpRequestInterceptor {

	private static final Logger log = LoggerFactory.getLogger(IpRequestInterceptor.class);

	private static final Set<QuestionnaireResponse.QuestionnaireResponseStatus> SUBMITTED = Set.of(
			QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED,
			QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);

	private final Questionnaire questionnaire;
	private final IpRequestValidator validator;
	private final StoredResources stored;
	private final TaskStore tasks;
	private final TaskFactory factory;

	public IpRequestInterceptor(Questionnaire questionnaire, IpRequestValidator validator, StoredResources stored,
			TaskStore tasks, TaskFactory factory) {
		this.questionnaire = questionnaire;
		this.validator = validator;
		this.stored = stored;
		this.tasks = tasks;
		this.factory = factory;
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource) {
		if (resource instanceof QuestionnaireResponse response && isSubmittedIpRequest(response)) {
			rejectIfIncomplete(response);
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
		beforeCreate(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof QuestionnaireResponse response && isSubmittedIpRequest(response)) {
			requestPlan(response);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof QuestionnaireResponse response && isSubmittedIpRequest(response)
				&& !(previous instanceof QuestionnaireResponse before && SUBMITTED.contains(before.getStatus()))) {
			requestPlan(response);
		}
	}

	private boolean isSubmittedIpRequest(QuestionnaireResponse response) {
		if (!response.hasQuestionnaire() || !SUBMITTED.contains(response.getStatus())) {
			return false;
		}
		String canonical = response.getQuestionnaire();
		int bar = canonical.indexOf('|');
		return questionnaire.getUrl().equals(bar < 0 ? canonical : canonical.substring(0, bar));
	}

	private void rejectIfIncomplete(QuestionnaireResponse response) {
		List<MissingAnswer> missing = validator.validate(questionnaire, response);
		if (missing.isEmpty()) {
			return;
		}
		OperationOutcome outcome = new OperationOutcome();
		for (MissingAnswer answer : missing) {
			String expression = ItemPaths.of(questionnaire, answer.linkId());
			outcome.addIssue()
					.setSeverity(OperationOutcome.IssueSeverity.ERROR)
					.setCode(OperationOutcome.IssueType.REQUIRED)
					.setDiagnostics(answer.messageEn())
					.addExpression(expression)
					.getDetails().setText(answer.messageSv());
		}
		UnprocessableEntityException rejected = new UnprocessableEntityException(
				"The request for an individual plan lacks " + missing.size() + " required answer(s) (see OperationOutcome)");
		rejected.setOperationOutcome(outcome);
		throw rejected;
	}

	private void requestPlan(QuestionnaireResponse response) {
		String responseKey = StoredResources.key(response);
		Optional<Reference> owner = TaskFactory.requestedPrincipal(response)
				.filter(r -> "Organization".equals(References.typeOf(r)))
				.or(() -> principalByName(response));
		Optional<Reference> person = response.hasSubject() && "Patient".equals(References.typeOf(response.getSubject()))
				? Optional.of(response.getSubject())
				: patientByPersonnummer(response);
		if (owner.isEmpty() || person.isEmpty()) {
			log.warn("{} is a complete request for an individual plan, but {} is not in Karta; no ip-request Task",
					responseKey, owner.isEmpty() ? "the chosen principal" : "the person");
			return;
		}
		QuestionnaireResponse addressed = response.copy();
		addressed.setId(response.getIdElement());
		addressed.setSubject(person.get());
		Task task = factory.ipRequest(addressed, new Reference(owner.get().getReference()));
		if (!"Organization".equals(References.typeOf(task.getRequester()))) {
			task.setRequester(null); // karta-task: the requester is an organisation; the person is in the response
		}
		tasks.createOnce(task, TaskFactory.IP_REQUEST, response.getIdElement().getIdPart());
	}

	private Optional<Reference> principalByName(QuestionnaireResponse response) {
		Optional<String> name = answer(response.getItem(), "principal.name")
				.map(a -> a.getValue().primitiveValue());
		Optional<String> type = answer(response.getItem(), "principal.type")
				.filter(a -> a.getValue() instanceof Coding)
				.map(a -> ((Coding) a.getValue()).getCode());
		if (name.isEmpty() || name.get().isBlank()) {
			return Optional.empty();
		}
		SearchParameterMap map = new SearchParameterMap();
		map.add(Organization.SP_NAME, new StringParam(name.get().strip(), true));
		type.ifPresent(code -> map.add(Organization.SP_TYPE, new TokenParam(KartaTerms.CS_PRINCIPAL_TYPE, code)));
		List<Organization> found = stored.search(Organization.class, map);
		return found.size() == 1 ? Optional.of(new Reference(StoredResources.key(found.get(0)))) : Optional.empty();
	}

	private Optional<Reference> patientByPersonnummer(QuestionnaireResponse response) {
		Optional<String> number = answer(response.getItem(), "person.personnummer")
				.map(a -> a.getValue().primitiveValue())
				.map(s -> s.replaceAll("[^0-9]", ""));
		if (number.isEmpty() || number.get().isEmpty()) {
			return Optional.empty();
		}
		SearchParameterMap map = new SearchParameterMap();
		map.add(Patient.SP_IDENTIFIER, new TokenParam(KartaTerms.SYSTEM_PERSONNUMMER, number.get()));
		List<Patient> found = stored.search(Patient.class, map);
		return found.size() == 1 ? Optional.of(new Reference(StoredResources.key(found.get(0)))) : Optional.empty();
	}

	private static Optional<QuestionnaireResponseItemAnswerComponent> answer(
			List<QuestionnaireResponseItemComponent> items, String linkId) {
		List<QuestionnaireResponseItemComponent> all = new ArrayList<>(items);
		for (int i = 0; i < all.size(); i++) {
			QuestionnaireResponseItemComponent item = all.get(i);
			if (linkId.equals(item.getLinkId()) && item.hasAnswer() && item.getAnswerFirstRep().hasValue()) {
				return Optional.of(item.getAnswerFirstRep());
			}
			all.addAll(item.getItem());
			item.getAnswer().forEach(a -> all.addAll(a.getItem()));
		}
		return Optional.empty();
	}
}
