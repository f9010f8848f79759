package se.karta.server;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.openapi.OpenApiInterceptor;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The FHIR REST endpoint at {@code /fhir}: HAPI's {@link RestfulServer} with the JPA resource
 * providers, database-backed paging, the CapabilityStatement naming the software Karta, OpenAPI,
 * CORS and the body size limit. Domain interceptors and operations are contributed as
 * {@link FhirServerContribution} beans by their own packages.
 */
@Configuration
public class FhirEndpointConfig {

	public static final String SOFTWARE_NAME = "Karta";

	@Bean
	public RestfulServer restfulServer(
			IFhirSystemDao<?, ?> systemDao,
			ResourceProviderFactory resourceProviders,
			IJpaSystemProvider systemProvider,
			ValueSetOperationProvider valueSetOperations,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			DatabaseBackedPagingProvider pagingProvider,
			KartaServerProperties properties,
			ObjectProvider<BuildProperties> buildProperties,
			List<FhirServerContribution> contributions) {
		RestfulServer server = new RestfulServer(systemDao.getContext());
		// Karta writes its own narratives (see se.karta.narrative); HAPI's generic ones are off.
		systemDao.getContext().setNarrativeGenerator(new NullNarrativeGenerator());

		server.setServerName(SOFTWARE_NAME);
		BuildProperties build = buildProperties.getIfAvailable();
		server.setServerVersion(build != null ? build.getVersion() : KartaVersion.current());
		server.setImplementationDescription("Karta FHIR R4 server for individuell plan (LSS) and SIP");

		server.registerProviders(resourceProviders.createProviders());
		server.registerProvider(systemProvider);
		server.registerProvider(valueSetOperations);
		server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport));

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		server.setDefaultPrettyPrint(true);
		server.setServerAddressStrategy(StringUtils.hasText(properties.serverAddress())
				? new HardcodedServerAddressStrategy(properties.serverAddress())
				: new IncomingRequestAddressStrategy());

		server.registerInterceptor(new ResponseHighlighterInterceptor());
		server.registerInterceptor(new VersionConflictInterceptor());
		server.registerInterceptor(new ConcurrentWriteRetry());
		server.registerInterceptor(new DatabaseOutageInterceptor());
		if (properties.openapi()) {
			server.registerInterceptor(new OpenApiInterceptor());
		}
		if (properties.cors().enabled()) {
			server.registerInterceptor(new CorsInterceptor(corsConfiguration(properties.cors())));
		}
		contributions.forEach(contribution -> contribution.contributeTo(server));
		return server;
	}

	@Bean
	public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(restfulServer, "/fhir/*");
		registration.setName("fhir");
		registration.setLoadOnStartup(1);
		return registration;
	}

	@Bean
	public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(KartaServerProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration =
				new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()));
		registration.addUrlPatterns("/fhir/*");
		registration.setOrder(0);
		return registration;
	}

	private static CorsConfiguration corsConfiguration(KartaServerProperties.Cors cors) {
		CorsConfiguration config = new CorsConfiguration();
		cors.allowedOrigins().forEach(config::addAllowedOriginPattern);
		cors.allowedHeaders().forEach(config::addAllowedHeader);
		config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"));
		config.addExposedHeader("Location");
		config.addExposedHeader("Content-Location");
		config.addExposedHeader("ETag");
		config.addExposedHeader("Last-Modified");
		config.setAllowCredentials(cors.allowCredentials());
		return config;
	}
}
