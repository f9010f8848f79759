package se.karta.profiles;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Installs the conformance resources of the {@code se.karta.fhir} package (StructureDefinitions,
 * CodeSystems, ValueSets, SearchParameters, Questionnaires) into the server at startup, under their
 * package ids, so that {@code GET /fhir/StructureDefinition?url=…} and the other searches return
 * them and the custom search parameters are indexed. Idempotent: a resource already stored with the
 * same content is left as it is (HAPI does not create a new version for an unchanged update), so a
 * restart or a second node adds nothing; nodes that start at the same moment retry on a conflict.
 */
@Component
@Order(0)
public class KartaPackageInstaller implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(KartaPackageInstaller.class);

	private final KartaPackage kartaPackage;
	private final DaoRegistry daoRegistry;

	public KartaPackageInstaller(KartaPackage kartaPackage, DaoRegistry daoRegistry) {
		this.kartaPackage = kartaPackage;
		this.daoRegistry = daoRegistry;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<IBaseResource> resources = new ArrayList<>(kartaPackage.getResources());
		int installed = 0;
		for (IBaseResource next : resources) {
			Resource resource = ((Resource) next).copy();
			if (!resource.getIdElement().hasIdPart()) {
				continue;
			}
			resource.setId(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
			@SuppressWarnings("unchecked")
			IFhirResourceDao<IBaseResource> dao = daoRegistry.getResourceDao(resource.fhirType());
			try {
				install(dao, resource);
				installed++;
			} catch (BaseServerResponseException e) {
				throw new IllegalStateException("Could not install " + resource.getIdElement().getValue()
						+ " from " + kartaPackage.getName() + ": " + e.getMessage(), e);
			}
		}
		LOG.info("Installed {} conformance resources of {}#{}", installed, kartaPackage.getName(), kartaPackage.getVersion());
	}

	/**
	 * Two nodes starting together may both create the same id; the loser's conflict means the
	 * resource is there, so it tries once more (then an unchanged update, which stores nothing new).
	 */
	private static void install(IFhirResourceDao<IBaseResource> dao, Resource resource) {
		for (int attempt = 1; ; attempt++) {
			try {
				dao.update(resource.copy(), new SystemRequestDetails());
				return;
			} catch (ResourceVersionConflictException conflict) {
				if (attempt >= 3) {
					throw conflict;
				}
				LOG.info("{} was installed concurrently by another node; retrying", resource.getIdElement().getValue());
				try {
					Thread.sleep(200L * attempt);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw conflict;
				}
			}
		}
	}
}
