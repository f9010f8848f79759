package se.karta.narrative;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resolves the references of a resource being written: inline resources, {@code urn:uuid:} references
 * through the entries of the request's transaction Bundle (matched by {@code fullUrl}), and
 * {@code Type/id} references first against the Bundle's entries, then against what is stored (read
 * through HAPI's DAOs, inside the write's database transaction). Lives for one write.
 */
final class WriteReferenceResolver {

	private final DaoRegistry daoRegistry;
	private final Bundle transaction;

	WriteReferenceResolver(DaoRegistry daoRegistry, RequestDetails request) {
		this.daoRegistry = daoRegistry;
		this.transaction = request != null && request.getResource() instanceof Bundle bundle ? bundle : null;
	}

	Optional<? extends Resource> resolve(Reference reference) {
		if (reference == null) {
			return Optional.empty();
		}
		if (reference.getResource() instanceof Resource inline) {
			return Optional.of(inline);
		}
		if (!reference.hasReference() || reference.getReference().startsWith("#")) {
			return Optional.empty();
		}
		String value = reference.getReference();
		Optional<Resource> inBundle = fromTransaction(value);
		if (inBundle.isPresent() || value.startsWith("urn:")) {
			return inBundle;
		}
		IdType id = new IdType(value);
		if (!id.hasResourceType() || !id.hasIdPart() || id.isAbsolute()) {
			return Optional.empty();
		}
		try {
			return Optional.of((Resource) daoRegistry.getResourceDao(id.getResourceType())
					.read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (BaseServerResponseException | IllegalArgumentException notThere) {
			return Optional.empty();
		}
	}

	/** The person's Consents: stored ones (when the person is stored) and those in the transaction. */
	List<Consent> consentsOf(Reference person) {
		List<Consent> consents = new ArrayList<>();
		if (person == null || !person.hasReference()) {
			return consents;
		}
		String reference = person.getReference();
		if (!reference.startsWith("urn:")) {
			SearchParameterMap map = SearchParameterMap.newSynchronous();
			map.add(Consent.SP_PATIENT, new ReferenceParam(reference));
			for (IBaseResource found : daoRegistry.getResourceDao(Consent.class)
					.search(map, new SystemRequestDetails()).getAllResources()) {
				consents.add((Consent) found);
			}
		}
		if (transaction != null) {
			for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
				if (entry.getResource() instanceof Consent consent && consent.hasPatient()
						&& (reference.equals(consent.getPatient().getReference()))) {
					consents.add(consent);
				}
			}
		}
		return consents;
	}

	private Optional<Resource> fromTransaction(String reference) {
		if (transaction == null) {
			return Optional.empty();
		}
		for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
			Resource resource = entry.getResource();
			if (resource == null) {
				continue;
			}
			if (reference.equals(entry.getFullUrl())) {
				return Optional.of(resource);
			}
			IdType id = resource.getIdElement();
			if (id.hasIdPart() && !reference.startsWith("urn:")
					&& reference.equals(resource.fhirType() + "/" + id.getIdPart())) {
				return Optional.of(resource);
			}
		}
		return Optional.empty();
	}
}
