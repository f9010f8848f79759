package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One loaded {@link KartaPackage} and one warm {@link ProfileValidator} for the whole server. */
@Configuration
public class ProfilesConfig {

	@Bean
	public KartaPackage kartaPackage(FhirContext fhirContext) {
		return KartaPackage.load(fhirContext);
	}

	@Bean
	public ProfileValidator profileValidator(FhirContext fhirContext, KartaPackage kartaPackage) {
		return new ProfileValidator(fhirContext, kartaPackage);
	}
}
