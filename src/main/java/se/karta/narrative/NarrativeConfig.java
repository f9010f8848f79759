package se.karta.narrative;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.karta.server.FhirServerContribution;

/** Registers the plan narrative with HAPI. */
@Configuration
public class NarrativeConfig {

	@Bean
	public PlanNarrativeGenerator planNarrativeGenerator() {
		return new PlanNarrativeGenerator();
	}

	/** {@code karta.narrative.enabled=false} leaves plans' text as sent (benchmark baseline only). */
	@Bean
	public FhirServerContribution planNarrative(
			PlanNarrativeGenerator generator,
			DaoRegistry daoRegistry,
			NarrativeProperties properties) {
		PlanNarrativeInterceptor interceptor = new PlanNarrativeInterceptor(generator, daoRegistry);
		return server -> {
			if (properties.enabled()) {
				server.getInterceptorService().registerInterceptor(interceptor);
			}
		};
	}
}
