package se.karta.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import se.karta.security.audit.AuditRecorder;
import se.karta.server.FhirServerContribution;
import se.karta.server.Outcomes;

/**
 * Authentication and the security interceptors of the FHIR endpoint.
 *
 * <p>With {@code karta.security.enabled=true} (the default of the code and of the {@code postgres}
 * profile) every request under {@code /fhir} needs an OAuth2 bearer JWT, checked by Spring Security's
 * resource server against the configured issuer, JWKS or public key ({@code exp}/{@code nbf}, and
 * {@code iss}/{@code aud} when configured); a missing or invalid token is answered 401 with an
 * OperationOutcome and audited. The CapabilityStatement ({@code /fhir/metadata}), {@code /ig/**} and
 * the health probes stay public.
 *
 * <p>With {@code karta.security.enabled=false} (the embedded default, for a first look) the server is
 * open: every caller is an administrator. It says so in the log and the CapabilityStatement, and it
 * refuses to start that way under any of {@code karta.security.required-profiles}.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

	@Bean
	public SecurityFilterChain karta(HttpSecurity http, SecurityProperties properties, Environment environment,
			AuditRecorder audit, org.springframework.beans.factory.ObjectProvider<JwtDecoder> decoder) throws Exception {
		http.csrf(csrf -> csrf.disable())
				.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(cache -> cache.disable())
				.formLogin(form -> form.disable())
				.httpBasic(basic -> basic.disable())
				.logout(logout -> logout.disable())
				.anonymous(Customizer.withDefaults());
		if (!properties.enabled()) {
			refuseOpenModeWhereRequired(properties, environment);
			log.warn("""

					##########################################################################
					#  KARTA RUNS OPEN: karta.security.enabled=false                         #
					#  Anyone who can reach this port may read and change every plan.        #
					#  For a first look on your own machine only. Never with real data.      #
					##########################################################################""");
			http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
			return http.build();
		}
		JwtDecoder jwtDecoder = decoder.getIfAvailable();
		AuthenticationEntryPoint entryPoint = (request, response, failure) -> {
			audit.unauthenticated(request, failure.getMessage());
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			response.setContentType("application/fhir+json;charset=UTF-8");
			response.getOutputStream().write(Outcomes.errorJson(IssueType.LOGIN, SecurityOutcomes.NO_TOKEN_SV,
					"Authentication required: send a valid OAuth2 bearer token (" + failure.getMessage() + ").")
					.getBytes(StandardCharsets.UTF_8));
		};
		http.authorizeHttpRequests(a -> a
						.requestMatchers(HttpMethod.GET, "/fhir/metadata", "/fhir/.well-known/**").permitAll()
						.requestMatchers(HttpMethod.OPTIONS, "/fhir/**").permitAll()
						.requestMatchers("/fhir", "/fhir/**").authenticated()
						.anyRequest().permitAll())
				.oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.decoder(jwtDecoder)).authenticationEntryPoint(entryPoint))
				.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint));
		return http.build();
	}

	private static void refuseOpenModeWhereRequired(SecurityProperties properties, Environment environment) {
		List<String> active = Arrays.asList(environment.getActiveProfiles());
		for (String profile : properties.requiredProfiles()) {
			if (active.contains(profile)) {
				throw new IllegalStateException("Karta refuses to start with security off under the '" + profile
						+ "' profile: set karta.security.enabled=true and configure karta.security.jwt.issuer-uri, "
						+ "jwk-set-uri or public-key.");
			}
		}
	}

	@Bean
	@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(
			name = "karta.security.enabled", havingValue = "true", matchIfMissing = true)
	public JwtDecoder jwtDecoder(SecurityProperties properties) throws Exception {
		SecurityProperties.Jwt jwt = properties.jwt();
		if (!jwt.configured()) {
			throw new IllegalStateException("karta.security.enabled=true needs a way to check tokens: set "
					+ "karta.security.jwt.issuer-uri, karta.security.jwt.jwk-set-uri or karta.security.jwt.public-key "
					+ "(or karta.security.enabled=false for an open first look, never in production).");
		}
		NimbusJwtDecoder decoder;
		if (SecurityProperties.Jwt.has(jwt.publicKey())) {
			decoder = NimbusJwtDecoder.withPublicKey(rsaPublicKey(jwt.publicKey())).build();
		} else if (SecurityProperties.Jwt.has(jwt.jwkSetUri())) {
			decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).build();
		} else {
			decoder = NimbusJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
		}
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator(jwt.clockSkew()));
		if (SecurityProperties.Jwt.has(jwt.issuerUri())) {
			validators.add(new JwtIssuerValidator(jwt.issuerUri()));
		}
		if (SecurityProperties.Jwt.has(jwt.audience())) {
			validators.add(new JwtClaimValidator<List<String>>("aud",
					aud -> aud != null && aud.contains(jwt.audience())));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	static RSAPublicKey rsaPublicKey(String pem) throws Exception {
		String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
		return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

	@Bean
	public AccessResolver accessResolver(DaoRegistry daos, IInterceptorService storageInterceptors) {
		AccessResolver resolver = new AccessResolver(daos);
		storageInterceptors.registerInterceptor(new AccessInvalidation(resolver));
		return resolver;
	}

	@Bean
	public FhirServerContribution security(SecurityProperties properties, AccessResolver resolver, AuditRecorder audit) {
		return server -> {
			server.registerInterceptor(new CapabilityStatementSecurity(properties));
			if (properties.enabled()) {
				server.registerInterceptor(new RequestGuardInterceptor(properties, audit));
				server.registerInterceptor(new KartaSearchNarrowingInterceptor(properties, resolver));
				server.registerInterceptor(new KartaAuthorizationInterceptor(properties, resolver, audit));
			}
		};
	}

	/** Forgets cached access sets whenever a resource that decides access is written (and again at commit). */
	public static final class AccessInvalidation {
		private static final List<String> DECIDING = List.of("CarePlan", "CareTeam", "Consent", "Task", "Goal", "Subscription");
		private final AccessResolver resolver;

		AccessInvalidation(AccessResolver resolver) {
			this.resolver = resolver;
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
		public void created(IBaseResource resource) {
			changed(resource);
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
		public void updated(IBaseResource oldResource, IBaseResource newResource) {
			changed(newResource);
		}

		@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
		public void deleted(IBaseResource resource) {
			changed(resource);
		}

		private void changed(IBaseResource resource) {
			String type = resource.fhirType();
			boolean organization = "Organization".equals(type);
			if (!organization && !DECIDING.contains(type)) {
				return;
			}
			Runnable forget = organization ? resolver::invalidateOrganizations : resolver::invalidate;
			forget.run();
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						forget.run();
					}
				});
			}
		}
	}

	/** Says in the CapabilityStatement how to authenticate, or loudly that the server is open. */
	public static final class CapabilityStatementSecurity {
		private final SecurityProperties properties;

		CapabilityStatementSecurity(SecurityProperties properties) {
			this.properties = properties;
		}

		@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
		public void generated(IBaseConformance statement) {
			if (!(statement instanceof CapabilityStatement capabilities)) {
				return;
			}
			for (CapabilityStatement.CapabilityStatementRestComponent rest : capabilities.getRest()) {
				CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
				if (properties.enabled()) {
					security.addService(new CodeableConcept(new Coding(
							"http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR",
							"SMART-on-FHIR")));
					security.setDescription("OAuth2 bearer token (JWT) required. Scopes: SMART v1/v2 "
							+ "(user/, system/, patient/), '" + properties.adminScope() + "' for administration, '"
							+ properties.auditScope() + "' to read AuditEvents. Claims: organization (HSA-id), "
							+ "patient, fhirUser. Every access is logged as an AuditEvent. A Subscription belongs to the "
							+ "organisation that created it and delivers only what that organisation may read (id only "
							+ "once it may no longer read a resource that named it); AuditEvents cannot be subscribed to.");
				} else {
					security.setDescription("SECURITY IS OFF (karta.security.enabled=false): this server is open "
							+ "to anyone, for a first look only. Säkerheten är avstängd: servern är öppen för alla.");
				}
			}
			if (!properties.enabled()) {
				capabilities.setDescription("SECURITY IS OFF - OPEN SERVER. " + capabilities.getDescription());
			}
		}
	}
}
