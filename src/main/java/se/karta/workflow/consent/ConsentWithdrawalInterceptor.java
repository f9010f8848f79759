package se.karta.workflow.consent;

import se.karta.rules.sip.SipConsentWithdrawnRule;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.karta.rules.PlanSupport;
import se.karta.rules.References;
import se.karta.workflow.TaskFactory;
import se.karta.workflow.tasks.StoredResources;
import se.karta.workflow.tasks.TaskStore;

/**
 * HSL 16 kap. 4 § st 2: when a {@code sip-consent} becomes inactive or rejected, the organisation with
 * overall responsibility for each plan that references it ({@code CarePlan.supportingInfo}) gets a
 * {@code consent-withdrawn} Task (focus the plan), in the same database transaction as the withdrawal.
 * The withdrawal itself is always stored; plans that are already ended get no Task.
 */
@Interceptor
public class ConsentWithdrawalInterceptor {

	private static final Logger log = LoggerFactory.getLogger(ConsentWithdrawalInterceptor.class);

	private static final Set<Consent.ConsentState> WITHDRAWN = Set.of(Consent.ConsentState.INACTIVE, Consent.ConsentState.REJECTED);

	private final StoredResources stored;
	private final TaskStore tasks;
	private final TaskFactory factory;

	public ConsentWithdrawalInterceptor(StoredResources stored, TaskStore tasks, TaskFactory factory) {
		this.stored = stored;
		this.tasks = tasks;
		this.factory = factory;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof Consent consent && isWithdrawnSipConsent(consent)) {
			tellPlans(consent);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof Consent consent && isWithdrawnSipConsent(consent)
				&& !(previous instanceof Consent before && WITHDRAWN.contains(before.getStatus()))) {
			tellPlans(consent);
		}
	}

	private static boolean isWithdrawnSipConsent(Consent consent) {
		return WITHDRAWN.contains(consent.getStatus()) && PlanSupport.isSipConsent(consent);
	}

	private void tellPlans(Consent consent) {
		if (!consent.hasPatient()) {
			return;
		}
		String consentKey = StoredResources.key(consent);
		SearchParameterMap map = new SearchParameterMap();
		map.add(CarePlan.SP_SUBJECT, new ReferenceParam(consent.getPatient().getReference()));
		for (CarePlan plan : stored.search(CarePlan.class, map)) {
			boolean references = plan.getSupportingInfo().stream().anyMatch(r -> consentKey.equals(References.key(r)));
			if (!references || SipConsentWithdrawnRule.ENDED.contains(plan.getStatus())) {
				continue;
			}
			Optional<Reference> owner = TaskFactory.overallResponsibility(plan);
			if (owner.isEmpty()) {
				log.warn("{} lost its consent {} but names no organisation with overall responsibility",
						StoredResources.key(plan), consentKey);
				continue;
			}
			Task task = factory.consentWithdrawn(plan, consent, owner.get());
			task.setReasonReference(new Reference(consentKey));
			String version = consent.getIdElement().hasVersionIdPart() ? consent.getIdElement().getVersionIdPart() : "1";
			tasks.createOnce(task, TaskFactory.CONSENT_WITHDRAWN,
					plan.getIdElement().getIdPart() + "-" + consent.getIdElement().getIdPart() + "-" + version);
		}
	}
}
