package se.karta.workflow;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import java.time.Duration;
import org.hl7.fhir.r4.model.Questionnaire;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.karta.profiles.KartaPackage;
import se.karta.server.FhirServerContribution;
import se.karta.workflow.consent.ConsentWithdrawalInterceptor;
import se.karta.workflow.consent.RelativeObjectionInterceptor;
import se.karta.workflow.notification.LssNotificationInterceptor;
import se.karta.workflow.request.IpRequestInterceptor;
import se.karta.workflow.review.ReviewCheck;
import se.karta.workflow.review.ReviewCheckProvider;
import se.karta.workflow.review.ReviewCheckSchedule;
import se.karta.workflow.review.ReviewCompletionInterceptor;
import se.karta.workflow.tasks.StoredResources;
import se.karta.workflow.tasks.TaskStore;

/**
 * Wires the workflow of CONTRACT section 5 into HAPI: the storage interceptors that react to writes,
 * the review check (scheduled and as {@code $run-review-check}).
 */
@Configuration
public class WorkflowConfig {

	@Bean
	public TaskStore workflowTaskStore(DaoRegistry daoRegistry) {
		return new TaskStore(daoRegistry);
	}

	@Bean
	public StoredResources workflowStoredResources(DaoRegistry daoRegistry) {
		return new StoredResources(daoRegistry);
	}

	@Bean
	public TaskFactory taskFactory() {
		return new TaskFactory();
	}

	@Bean
	public ReviewCheck reviewCheck(StoredResources stored, TaskStore tasks, TaskFactory factory, WorkflowProperties properties) {
		return new ReviewCheck(stored, tasks, factory, properties.reviewDueWithin(), Clock.systemDefaultZone());
	}

	@Bean
	public ReviewCheckSchedule reviewCheckSchedule(ReviewCheck check, WorkflowProperties properties) {
		Duration interval = properties.enabled() ? properties.reviewCheckInterval() : Duration.ZERO;
		return new ReviewCheckSchedule(check, properties.reviewCheckInitialDelay(), interval);
	}

	@Bean
	public FhirServerContribution workflow(
			WorkflowProperties properties, DaoRegistry daoRegistry, KartaPackage kartaPackage, StoredResources stored,
			TaskStore tasks, TaskFactory factory, ReviewCheck reviewCheck) {
		return server -> {
			if (!properties.enabled()) {
				return;
			}
			IInterceptorService interceptors = server.getInterceptorService();
			interceptors.registerInterceptor(new LssNotificationInterceptor(daoRegistry, tasks, factory));
			interceptors.registerInterceptor(new ConsentWithdrawalInterceptor(stored, tasks, factory));
			interceptors.registerInterceptor(new RelativeObjectionInterceptor(daoRegistry, stored));
			interceptors.registerInterceptor(new ReviewCompletionInterceptor(tasks));
			interceptors.registerInterceptor(new IpRequestInterceptor(
					ipRequestQuestionnaire(kartaPackage), new IpRequestValidator(), stored, tasks, factory));
			server.registerProvider(new ReviewCheckProvider(reviewCheck));
		};
	}

	private static Questionnaire ipRequestQuestionnaire(KartaPackage kartaPackage) {
		return kartaPackage.getQuestionnaires().stream()
				.filter(q -> IpRequestValidator.QUESTIONNAIRE_URL.equals(q.getUrl()))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"The Karta package has no Questionnaire " + IpRequestValidator.QUESTIONNAIRE_URL));
	}
}
