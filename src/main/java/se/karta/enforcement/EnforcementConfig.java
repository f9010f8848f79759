package se.karta.enforcement;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import se.karta.profiles.ProfileValidator;
import se.karta.rules.RuleRegistry;
import se.karta.server.FhirServerContribution;

/**
 * Registers write enforcement with HAPI. {@code karta.enforcement.enabled=false} switches it off
 * (plain HAPI JPA behaviour, used by the benchmark's baseline).
 */
@Configuration
public class EnforcementConfig {

	@Bean
	public WriteEnforcementInterceptor writeEnforcementInterceptor(
			ProfileValidator profileValidator, RuleRegistry rules, DaoRegistry daoRegistry) {
		return new WriteEnforcementInterceptor(profileValidator, rules, daoRegistry);
	}

	/** Replaces HAPI's instance validator in {@code $validate} with Karta's profiles and rules. */
	@Bean
	@Primary
	public IInstanceValidatorModule kartaInstanceValidator(
			ProfileValidator profileValidator, RuleRegistry rules, DaoRegistry daoRegistry) {
		return new KartaInstanceValidatorModule(profileValidator, rules, daoRegistry);
	}

	@Bean
	public FhirServerContribution enforcement(EnforcementProperties properties, WriteEnforcementInterceptor writes) {
		return server -> {
			server.registerInterceptor(new ValidateOutcomeInterceptor());
			if (properties.enabled()) {
				server.getInterceptorService().registerInterceptor(writes);
			}
		};
	}
}
