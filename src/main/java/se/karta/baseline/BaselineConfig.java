package se.karta.baseline;

import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import se.karta.server.FhirServerContribution;

/** Registers the stock HAPI request validation when {@code karta.baseline.stock-request-validation=true}. */
@Configuration
public class BaselineConfig {

	/**
	 * HAPI JPA's own validator module (bean {@code myInstanceValidator} of HAPI's
	 * {@code ValidationSupportConfig}): a {@code FhirInstanceValidator} over the JPA server's validation
	 * support chain, which finds Karta's profiles and code systems where the package installer stored
	 * them, in the database. Karta's {@code @Primary} module is the one {@code $validate} uses; this one
	 * is only what the HAPI JPA starter would hand to its request validation.
	 */
	@Bean
	public FhirServerContribution stockRequestValidation(
			BaselineProperties properties, @Qualifier("myInstanceValidator") IInstanceValidatorModule hapiInstanceValidator) {
		return server -> {
			if (properties.stockRequestValidation()) {
				server.registerInterceptor(stockRequestValidatingInterceptor(hapiInstanceValidator));
			}
		};
	}

	/** As the HAPI JPA starter does it ({@code hapi.fhir.validation.requests_enabled}): HAPI's validator module, fail on error. */
	static RequestValidatingInterceptor stockRequestValidatingInterceptor(IInstanceValidatorModule validatorModule) {
		RequestValidatingInterceptor interceptor = new RequestValidatingInterceptor();
		interceptor.setValidatorModules(List.of(validatorModule));
		interceptor.setFailOnSeverity(ResultSeverityEnum.ERROR);
		return interceptor;
	}
}
