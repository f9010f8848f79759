package se.karta.baseline;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.karta.profiles.KartaPackage;
import se.karta.profiles.KartaValidationSupport;
import se.karta.server.FhirServerContribution;

/** Registers the stock HAPI request validation when {@code karta.baseline.stock-request-validation=true}. */
@Configuration
public class BaselineConfig {

	@Bean
	public FhirServerContribution stockRequestValidation(
			BaselineProperties properties, FhirContext fhirContext, KartaPackage kartaPackage) {
		return server -> {
			if (properties.stockRequestValidation()) {
				server.registerInterceptor(stockRequestValidatingInterceptor(fhirContext, kartaPackage));
			}
		};
	}

	/** As the HAPI JPA starter does it ({@code hapi.fhir.validation.requests_enabled}): one {@link FhirInstanceValidator} over a validation support chain, fail on error. */
	static RequestValidatingInterceptor stockRequestValidatingInterceptor(FhirContext fhirContext, KartaPackage kartaPackage) {
		FhirInstanceValidator validator =
				new FhirInstanceValidator(KartaValidationSupport.createChain(fhirContext, kartaPackage));
		RequestValidatingInterceptor interceptor = new RequestValidatingInterceptor();
		interceptor.setValidatorModules(List.of(validator));
		interceptor.setFailOnSeverity(ResultSeverityEnum.ERROR);
		return interceptor;
	}
}
