package se.karta.workflow.review;

import se.karta.rules.InMemoryRuleContext;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.karta.terms.KartaTerms;
import se.karta.workflow.TaskFactory;
import se.karta.workflow.tasks.StoredResources;
import se.karta.workflow.tasks.TaskStore;

/**
 * LSS 10 § st 2 (a plan is reviewed at least once a year): finds every active {@code lss-ip} whose
 * {@code review.nextReview} is within {@code dueWithin} or past (search parameter {@code review-due}) and
 * gives its overall-responsible organisation a {@code review-due} Task, due on {@code nextReview}.
 *
 * <p>At most one open {@code review-due} Task per plan. Safe when several server nodes share one database:
 * each Task is a conditional create on the identifier {@code review-due|{planId}-{nextReview}}, which HAPI
 * guards with the primary key of {@code HFJ_RES_SEARCH_URL}; a node that loses the race gets a
 * constraint violation (or finds the winner's Task) and creates nothing. Each plan is its own database
 * transaction.
 */
public class ReviewCheck {

	private static final Logger log = LoggerFactory.getLogger(ReviewCheck.class);

	private final StoredResources stored;
	private final TaskStore tasks;
	private final TaskFactory factory;
	private final Duration dueWithin;
	private final Clock clock;

	public ReviewCheck(StoredResources stored, TaskStore tasks, TaskFactory factory, Duration dueWithin, Clock clock) {
		this.stored = stored;
		this.tasks = tasks;
		this.factory = factory;
		this.dueWithin = dueWithin;
		this.clock = clock;
	}

	/** @return how many {@code review-due} Tasks this run created */
	public int run() {
		LocalDate limit = LocalDate.now(clock.withZone(InMemoryRuleContext.SWEDEN)).plusDays(dueWithin.toDays());
		SearchParameterMap map = new SearchParameterMap();
		map.add(CarePlan.SP_CATEGORY, new TokenParam(KartaTerms.CS_PLAN_TYPE, KartaTerms.PLAN_LSS_IP));
		map.add(CarePlan.SP_STATUS, new TokenParam(CarePlan.CarePlanStatus.ACTIVE.toCode()));
		map.add("review-due", new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, limit.toString()));
		int created = 0;
		for (CarePlan plan : stored.search(CarePlan.class, map)) {
			try {
				if (remind(plan, limit)) {
					created++;
				}
			} catch (RuntimeException e) {
				// Most likely another node (or run) created the same Task at the same moment and the database
				// refused the duplicate; that run counts it. Anything else is retried on the next run.
				log.info("No review-due Task for {} in this run: {}", StoredResources.key(plan), e.toString());
			}
		}
		if (created > 0) {
			log.info("Review check created {} review-due Task(s)", created);
		}
		return created;
	}

	private boolean remind(CarePlan plan, LocalDate limit) {
		Optional<LocalDate> nextReview = TaskFactory.nextReview(plan).filter(next -> !next.isAfter(limit));
		Optional<Reference> owner = TaskFactory.overallResponsibility(plan);
		String planKey = StoredResources.key(plan);
		if (nextReview.isEmpty() || owner.isEmpty() || !tasks.openWithFocus(TaskFactory.REVIEW_DUE, planKey).isEmpty()) {
			return false;
		}
		Task task = factory.reviewDue(plan, owner.get(), nextReview.get());
		return tasks.createOnce(task, TaskFactory.REVIEW_DUE, plan.getIdElement().getIdPart() + "-" + nextReview.get());
	}
}
