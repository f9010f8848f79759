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

	@Bean
	public FhirServerContribution planNarrative(PlanNarrativeGenerator generator, DaoRegistry daoRegistry) {
		PlanNarrativeInterceptor interceptor = new PlanNarrativeInterceptor(generator, daoRegistry);
		return server -> server.getInterceptorService().registerInterceptor(interceptor);
	}
}
