package se.karta.narrative;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every stored plan its generated Swedish narrative (CONTRACT section 5, "Narrative"), set just
 * before storage on create, update, patch and every transaction entry. A client's own {@code text} is
 * replaced. Runs before the profile check ({@link #ORDER}), so what is validated is what is stored.
 */
@Interceptor
public class PlanNarrativeInterceptor {

	/** Before the default-order enforcement hooks. */
	static final int ORDER = -100;

	private static final Logger log = LoggerFactory.getLogger(PlanNarrativeInterceptor.class);

	private final PlanNarrativeGenerator generator;
	private final DaoRegistry daoRegistry;

	public PlanNarrativeInterceptor(PlanNarrativeGenerator generator, DaoRegistry daoRegistry) {
		this.generator = generator;
		this.daoRegistry = daoRegistry;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = ORDER)
	public void beforeCreate(IBaseResource resource, RequestDetails request) {
		narrate(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = ORDER)
	public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		narrate(resource, request);
	}

	private void narrate(IBaseResource resource, RequestDetails request) {
		if (!(resource instanceof CarePlan plan)) {
			return;
		}
		WriteReferenceResolver resolver = new WriteReferenceResolver(daoRegistry, request);
		try {
			plan.setText(generator.generate(plan, resolver::resolve, resolver.consentsOf(plan.getSubject())));
		} catch (RuntimeException e) {
			// The narrative never fails a write; the plan keeps whatever text it came with.
			log.warn("Could not generate the narrative of a CarePlan: {}", e.toString());
		}
	}
}
