package se.karta.workflow.notification;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.karta.enforcement.StoredRuleContext;
import se.karta.terms.KartaTerms;
import se.karta.rules.PlanSupport;
import se.karta.rules.RuleContext;
import se.karta.workflow.TaskFactory;
import se.karta.workflow.tasks.StoredResources;
import se.karta.workflow.tasks.TaskStore;

/**
 * LSS 10 § st 3: when an {@code lss-ip} plan first becomes active (created active, or updated from
 * another status to active), the principal of the other type (region ↔ kommun) is notified with one
 * {@code ip-notification} Task, in the same database transaction as the plan.
 *
 * <p>Runs just before commit, when the plan has its id and a transaction's references are rewritten.
 * A plan is notified at most once: an existing {@code ip-notification} with the plan as focus stops a
 * second one, and the Task's identifier {@code ip-notification|{planId}} guards the database.
 */
@Interceptor
public class LssNotificationInterceptor {

	private static final Logger log = LoggerFactory.getLogger(LssNotificationInterceptor.class);

	private final DaoRegistry daoRegistry;
	private final TaskStore tasks;
	private final TaskFactory factory;

	public LssNotificationInterceptor(DaoRegistry daoRegistry, TaskStore tasks, TaskFactory factory) {
		this.daoRegistry = daoRegistry;
		this.tasks = tasks;
		this.factory = factory;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		if (resource instanceof CarePlan plan && becameActive(null, plan)) {
			notifyOtherPrincipal(plan);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (resource instanceof CarePlan plan && becameActive((CarePlan) previous, plan)) {
			notifyOtherPrincipal(plan);
		}
	}

	private static boolean becameActive(CarePlan before, CarePlan plan) {
		return PlanSupport.isLssIp(plan)
				&& plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE
				&& (before == null || before.getStatus() != CarePlan.CarePlanStatus.ACTIVE);
	}

	private void notifyOtherPrincipal(CarePlan plan) {
		String planKey = StoredResources.key(plan);
		if (!tasks.withFocus(TaskFactory.IP_NOTIFICATION, planKey).isEmpty()) {
			return; // notified when it first became active
		}
		RuleContext stored = new StoredRuleContext(daoRegistry).with(plan);
		Optional<Reference> requester = TaskFactory.planAuthor(plan);
		Optional<String> requesterType = requester.flatMap(r -> stored.resolve(r, Organization.class))
				.flatMap(PlanSupport::principalType)
				.filter(t -> t.equals(KartaTerms.PRINCIPAL_REGION) || t.equals(KartaTerms.PRINCIPAL_KOMMUN));
		Optional<CareTeam> team = plan.hasCareTeam()
				? stored.resolve(plan.getCareTeamFirstRep(), CareTeam.class)
				: Optional.empty();
		if (requester.isEmpty() || requesterType.isEmpty() || team.isEmpty()) {
			log.warn("{} became active but the principal to notify cannot be determined (LSS 10 §)", planKey);
			return;
		}
		String otherType = requesterType.get().equals(KartaTerms.PRINCIPAL_REGION)
				? KartaTerms.PRINCIPAL_KOMMUN
				: KartaTerms.PRINCIPAL_REGION;
		Optional<Reference> owner = PlanSupport.principals(team.get(), stored).stream()
				.map(PlanSupport.TeamOrganization::organization)
				.filter(org -> stored.resolve(org, Organization.class)
						.flatMap(PlanSupport::principalType)
						.filter(otherType::equals)
						.isPresent())
				.findFirst();
		if (owner.isEmpty()) {
			log.warn("{} became active but its care team has no {} principal to notify (LSS 10 §)", planKey, otherType);
			return;
		}
		Task task = factory.ipNotification(plan, requester.get(), new Reference(owner.get().getReference()));
		tasks.createOnce(task, TaskFactory.IP_NOTIFICATION, plan.getIdElement().getIdPart());
	}
}
