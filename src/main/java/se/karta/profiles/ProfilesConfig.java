package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One loaded {@link KartaPackage} and one {@link ProfileValidator} for the whole server. The validator
 * warms up on a background thread while the rest of the server starts: it validates correctly from the
 * first request, the warm-up only makes it fast sooner.
 */
@Configuration
public class ProfilesConfig {

	@Bean
	public KartaPackage kartaPackage(FhirContext fhirContext) {
		return KartaPackage.load(fhirContext);
	}

	@Bean
	public ProfileValidator profileValidator(FhirContext fhirContext, KartaPackage kartaPackage) {
		ProfileValidator validator = ProfileValidator.cold(fhirContext, kartaPackage);
		Thread warmUp = new Thread(validator::warmUp, "karta-validator-warm-up");
		warmUp.setDaemon(true);
		warmUp.start();
		return validator;
	}
}
