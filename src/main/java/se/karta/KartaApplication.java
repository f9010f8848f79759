package se.karta;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Karta: a FHIR R4 server for Swedish individuell plan (10 § LSS) and samordnad individuell plan
 * (16 kap. 4 § HSL, 2 kap. 7 § SoL).
 *
 * <p>HAPI wires its own JPA persistence unit, scheduler and narrative templates, so Spring Boot's
 * auto-configuration for those (and for the Elasticsearch client and Flyway that HAPI drags in) is switched off here.
 */
@SpringBootApplication(
		exclude = {
			HibernateJpaAutoConfiguration.class,
			ElasticsearchRestClientAutoConfiguration.class,
			FlywayAutoConfiguration.class, QuartzAutoConfiguration.class, ThymeleafAutoConfiguration.class})
@ConfigurationPropertiesScan
public class KartaApplication {

	public static void main(String[] args) {
		SpringApplication.run(KartaApplication.class, args);
	}
}
