package se.karta.workflow.review;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import se.karta.terms.KartaTerms;
import se.karta.workflow.TaskFactory;
import se.karta.workflow.tasks.StoredResources;
import se.karta.workflow.tasks.TaskStore;

/**
 * When a plan is stored with a later {@code review.lastReviewed} than before, the review has been done:
 * its open {@code review-due} Tasks become {@code completed}, in the same database transaction.
 */
@Interceptor
public class ReviewCompletionInterceptor {

	private final TaskStore tasks;

	public ReviewCompletionInterceptor(TaskStore tasks) {
		this.tasks = tasks;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource) {
		if (!(resource instanceof CarePlan plan) || !(previous instanceof CarePlan before)) {
			return;
		}
		Optional<String> now = lastReviewed(plan);
		Optional<String> then = lastReviewed(before);
		if (now.isPresent() && (then.isEmpty() || now.get().compareTo(then.get()) > 0)) {
			tasks.openWithFocus(TaskFactory.REVIEW_DUE, StoredResources.key(plan)).forEach(tasks::complete);
		}
	}

	/** {@code review.lastReviewed} as {@code yyyy-MM-dd} (ISO dates compare as strings). */
	static Optional<String> lastReviewed(CarePlan plan) {
		Extension review = plan.getExtensionByUrl(KartaTerms.EXT_REVIEW);
		Extension last = review == null ? null : review.getExtensionByUrl(KartaTerms.EXT_REVIEW_LAST);
		if (last != null && last.getValue() instanceof DateType date && date.hasValue()) {
			return Optional.of(date.getValueAsString());
		}
		return Optional.empty();
	}
}
