package se.karta.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The resource types Karta stores: those of individual plans and of the people, organisations and
 * conformance resources around them, plus any named in {@code karta.server.additional-resource-types}.
 * HAPI's JPA configuration declares a DAO (and a REST provider) for every one of the 146 R4 types, and
 * creating them all was about a third of startup; the beans of the other types are not created at
 * all, and HAPI's {@link DaoRegistry} knows only these types, so the CapabilityStatement lists them and
 * a request for another type is answered 404 (unknown resource type).
 *
 * <p>{@code AuditEvent} is never stored as a HAPI resource: the audit trail keeps its events in tables
 * of its own ({@code se.karta.security.audit}).
 */
public final class StoredResourceTypes implements BeanDefinitionRegistryPostProcessor, BeanPostProcessor, EnvironmentAware {

	public static final Set<String> KARTA_TYPES = Set.of(
			// the plan and the person's world
			"CarePlan", "CareTeam", "Consent", "Goal", "Task", "Condition", "QuestionnaireResponse",
			"DocumentReference", "ServiceRequest", "Communication", "CommunicationRequest", "Appointment",
			"Encounter", "Provenance", "Binary", "List",
			// people, organisations and where they are
			"Patient", "RelatedPerson", "Practitioner", "PractitionerRole", "Organization", "Location",
			"HealthcareService", "Endpoint", "Group",
			// conformance and terminology
			"StructureDefinition", "CodeSystem", "ValueSet", "ConceptMap", "SearchParameter", "NamingSystem",
			"ImplementationGuide", "OperationDefinition", "Questionnaire",
			// server infrastructure ($validate of a whole transaction Bundle among them)
			"Subscription", "Bundle");

	private Set<String> types = KARTA_TYPES;

	@Override
	public void setEnvironment(Environment environment) {
		KartaServerProperties server = Binder.get(environment).bind("karta.server", KartaServerProperties.class)
				.orElseGet(() -> new KartaServerProperties(null, null, null, null, null, null, null));
		types = of(server.additionalResourceTypes());
	}

	/** Karta's types and the additional ones, each checked to be an R4 resource type HAPI can store. */
	static Set<String> of(Iterable<String> additional) {
		Set<String> all = new TreeSet<>(KARTA_TYPES);
		Set<String> r4 = FhirContext.forR4Cached().getResourceTypes();
		for (String type : additional) {
			if (!r4.contains(type) || "AuditEvent".equals(type)) {
				throw new IllegalStateException("karta.server.additional-resource-types: " + type
						+ (r4.contains(type) ? " is kept by the audit trail, not stored as a resource"
								: " is not an R4 resource type"));
			}
			all.add(type);
		}
		return all;
	}

	Set<String> types() {
		return types;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
		for (String name : registry.getBeanDefinitionNames()) {
			String type = hapiResourceBeanType(name);
			if (type != null && !types.contains(type)) {
				registry.removeBeanDefinition(name);
			}
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof DaoRegistry daos) {
			daos.setSupportedResourceTypes(types);
		}
		return bean;
	}

	/** {@code myCarePlanDaoR4} and {@code myCarePlanRpR4} are HAPI's beans for CarePlan (not {@code mySystemDaoR4}). */
	static String hapiResourceBeanType(String beanName) {
		if (beanName.startsWith("my") && (beanName.endsWith("DaoR4") || beanName.endsWith("RpR4"))) {
			String type = beanName.substring(2, beanName.length() - (beanName.endsWith("DaoR4") ? 5 : 4));
			return FhirContext.forR4Cached().getResourceTypes().contains(type) ? type : null;
		}
		return null;
	}
}
