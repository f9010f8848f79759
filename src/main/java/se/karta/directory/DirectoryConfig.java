package se.karta.directory;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.karta.server.FhirServerContribution;

/** Registers {@code $rare-diagnosis-support} with the FHIR endpoint. */
@Configuration
public class DirectoryConfig {

	@Bean
	public RareDiagnosisSupportProvider rareDiagnosisSupportProvider(DaoRegistry daoRegistry) {
		return new RareDiagnosisSupportProvider(daoRegistry);
	}

	@Bean
	public FhirServerContribution rareDiagnosisSupport(RareDiagnosisSupportProvider provider) {
		return server -> server.registerProvider(provider);
	}
}
