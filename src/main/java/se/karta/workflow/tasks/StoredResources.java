package se.karta.workflow.tasks;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the workflow reads while it reacts to a write: stored resources, read through HAPI's DAOs with a
 * {@link SystemRequestDetails}, inside the database transaction of the write (so resources written
 * earlier in the same FHIR transaction are seen, with their real ids).
 */
public class StoredResources {

	private final DaoRegistry daoRegistry;

	public StoredResources(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** The resource a literal {@code Type/id} reference names, if it is of {@code type} and stored. */
	public <T extends Resource> Optional<T> read(Reference reference, Class<T> type) {
		if (reference == null || !reference.hasReference() || reference.getReference().startsWith("#")
				|| reference.getReference().startsWith("urn:")) {
			return Optional.empty();
		}
		IdType id = new IdType(reference.getReference());
		String wanted = daoRegistry.getFhirContext().getResourceType(type);
		if (!id.hasIdPart() || !wanted.equals(id.getResourceType())) {
			return Optional.empty();
		}
		try {
			return Optional.of(daoRegistry.getResourceDao(type).read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (BaseServerResponseException notThere) {
			return Optional.empty();
		}
	}

	/** Every resource of {@code type} that matches {@code map} (a synchronous search). */
	public <T extends Resource> List<T> search(Class<T> type, SearchParameterMap map) {
		map.setLoadSynchronous(true);
		return daoRegistry.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources().stream()
				.map(type::cast)
				.toList();
	}

	/** {@code Type/id} of a stored resource, without version. */
	public static String key(Resource resource) {
		IdType id = resource.getIdElement();
		return (id.hasResourceType() ? id.getResourceType() : resource.fhirType()) + "/" + id.getIdPart();
	}
}
