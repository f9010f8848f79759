package se.karta.enforcement;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
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

	/**
	 * Registered with HAPI's global interceptor service, not only the REST server's, so that writes
	 * the server makes by itself (Tasks, loaders, care-team updates) are held to the same rules.
	 */
	@Bean
	public WriteEnforcementInterceptor writeEnforcementInterceptor(
			ProfileValidator profileValidator,
			RuleRegistry rules,
			DaoRegistry daoRegistry,
			IInterceptorService interceptors,
			EnforcementProperties properties) {
		WriteEnforcementInterceptor writes = new WriteEnforcementInterceptor(profileValidator, rules, daoRegistry, properties.validationThreads());
		if (properties.enabled()) {
			interceptors.registerInterceptor(writes);
		}
		return writes;
	}

	/** Replaces HAPI's instance validator in {@code $validate} with Karta's profiles and rules. */
	@Bean
	@Primary
	public IInstanceValidatorModule kartaInstanceValidator(
			ProfileValidator profileValidator, RuleRegistry rules, DaoRegistry daoRegistry) {
		return new KartaInstanceValidatorModule(profileValidator, rules, daoRegistry);
	}

	@Bean
	public FhirServerContribution validateOutcome() {
		return server -> server.registerInterceptor(new ValidateOutcomeInterceptor());
	}
}
