package se.karta.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.dao.CacheTagDefinitionDao;
import ca.uhn.fhir.jpa.dao.data.ITagDefinitionDao;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.StorageSettings;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

/**
 * The HAPI JPA persistence unit on Spring Boot's {@link DataSource}: HAPI's R4 DAOs, search,
 * batch jobs (reindexing after a new SearchParameter), and the storage settings Karta relies on.
 */
@Configuration
@Import({JpaR4Config.class, HapiJpaConfig.class, ThreadPoolFactoryConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
	SubscriptionChannelConfig.class})
public class JpaPersistenceConfig {

	@Bean
	public JpaStorageSettings storageSettings() {
		JpaStorageSettings settings = new JpaStorageSettings();
		settings.setAllowExternalReferences(false);
		settings.setEnforceReferentialIntegrityOnWrite(true);
		settings.setEnforceReferentialIntegrityOnDelete(true);
		settings.setAutoCreatePlaceholderReferenceTargets(false);
		// Searches see each write at once: plans are read right after they are written.
		settings.setReuseCachedSearchResultsForMillis(null);
		settings.setDefaultSearchParamsCanBeOverridden(true);
		settings.setIndexMissingFields(StorageSettings.IndexEnabledEnum.DISABLED);
		settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.SEQUENTIAL_NUMERIC);
		settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ALPHANUMERIC);
		settings.setMarkResourcesForReindexingUponSearchParameterChange(true);
		settings.setResourceEncoding(ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum.JSONC);
		settings.setDeleteExpungeEnabled(false);
		settings.setExpungeEnabled(false);
		return settings;
	}

	/** Which resource types HAPI stores (and which of its DAO beans are created): see {@link StoredResourceTypes}. */
	@Bean
	public static StoredResourceTypes storedResourceTypes() {
		return new StoredResourceTypes();
	}

	@Bean
	public PartitionSettings partitionSettings() {
		return new PartitionSettings();
	}

	@Bean
	public NodeStartupLock nodeStartupLock(DataSource dataSource, KartaDatabaseProperties database) {
		return new NodeStartupLock(dataSource, database);
	}

	@Primary
	@Bean
	public LocalContainerEntityManagerFactoryBean entityManagerFactory(
			NodeStartupLock startupLock,
			ConfigurableListableBeanFactory beanFactory,
			FhirContext fhirContext,
			JpaStorageSettings storageSettings,
			DataSource dataSource,
			KartaDatabaseProperties database) {
		if (database.schema() == KartaDatabaseProperties.SchemaMode.MIGRATE) {
			SchemaMigration.migrate(dataSource, database.dialect());
		}
		LocalContainerEntityManagerFactoryBean factory =
				HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
		Map<String, Object> jpa = new HashMap<>();
		jpa.put(AvailableSettings.DIALECT, database.dialect());
		jpa.put(AvailableSettings.HBM2DDL_AUTO, switch (database.schema()) {
			case UPDATE -> "update";
			case VALIDATE -> "validate";
			case MIGRATE, NONE -> "none";
		});
		jpa.put(AvailableSettings.SCANNER, "org.hibernate.boot.archive.scan.internal.DisabledScanner");
		jpa.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY,
				"org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy");
		jpa.put(AvailableSettings.IMPLICIT_NAMING_STRATEGY,
				"org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy");
		jpa.put(AvailableSettings.STATEMENT_BATCH_SIZE, "20");
		jpa.put(AvailableSettings.ORDER_INSERTS, "true");
		jpa.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
		jpa.put(AvailableSettings.USE_QUERY_CACHE, "false");
		jpa.put("hibernate.search.enabled", "false");
		jpa.putAll(database.hibernate());
		factory.setPersistenceUnitName("HAPI_PU");
		factory.setJpaPropertyMap(jpa);
		factory.setDataSource(dataSource);
		return factory;
	}

	/** Replaces HAPI's tag-definition lookup: see {@link SessionLocalTagDefinitionDao}. */
	@Primary
	@Bean
	public CacheTagDefinitionDao sessionLocalTagDefinitionDao(
			ITagDefinitionDao tagDefinitionDao, MemoryCacheService memoryCacheService, EntityManagerFactory entityManagerFactory) {
		return new SessionLocalTagDefinitionDao(tagDefinitionDao, memoryCacheService,
				SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
	}

	@Primary
	@Bean
	public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
		return new JpaTransactionManager(entityManagerFactory);
	}
}
