package se.karta.enforcement;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import se.karta.rules.InMemoryRuleContext;
import se.karta.rules.RuleContext;

/**
 * The rules' view of the world during a write: the resources of the current request first (an
 * overlay, keyed {@code Type/id}), then what is stored, read through HAPI's DAOs inside the same
 * database transaction, so resources written earlier in a transaction are seen too.
 */
public class StoredRuleContext implements RuleContext {

	private final DaoRegistry daoRegistry;
	private final Map<String, Resource> overlay = new LinkedHashMap<>();
	/** Resources the current transaction creates, {@code Type/id}: nothing stored refers to them. */
	private final Set<String> created = new HashSet<>();
	private final StoredReads stored;

	/** A context that remembers what it reads for its own life (one rule check). */
	public StoredRuleContext(DaoRegistry daoRegistry) {
		this(daoRegistry, new StoredReads());
	}

	/** A context sharing {@code stored} with others, e.g. the rule checks of one FHIR transaction. */
	StoredRuleContext(DaoRegistry daoRegistry, StoredReads stored) {
		this.daoRegistry = daoRegistry;
		this.stored = stored;
	}

	/**
	 * Stored resources and consent searches already read: rules resolve the same references again and
	 * again. Valid only while nothing is written in between (the owner's concern).
	 */
	static final class StoredReads {
		private final Map<String, Optional<Resource>> reads = new HashMap<>();
		private final Map<String, List<Consent>> consents = new HashMap<>();
	}

	/** Makes {@code resource} win over the stored version of the same id. */
	public StoredRuleContext with(Resource resource) {
		if (resource != null && resource.getIdElement().hasIdPart()) {
			overlay.put(key(resource.getIdElement()), resource);
		}
		return this;
	}

	/**
	 * Adds resources the current FHIR transaction has stored (ids assigned, references rewritten), so
	 * the rules need not read them back; ones already added win.
	 */
	StoredRuleContext withAll(Collection<? extends Resource> resources) {
		for (Resource resource : resources) {
			IdType id = resource.getIdElement();
			if (id.hasResourceType() && id.hasIdPart()) {
				overlay.putIfAbsent(key(id), resource);
			}
		}
		return this;
	}

	/**
	 * Marks resources the current FHIR transaction creates: no stored resource can refer to them (the
	 * database enforces referential integrity), so no stored Consent of such a person is searched for.
	 */
	StoredRuleContext withNew(Collection<? extends Resource> resources) {
		for (Resource resource : resources) {
			IdType id = resource.getIdElement();
			if (id.hasResourceType() && id.hasIdPart()) {
				created.add(key(id));
			}
		}
		return this;
	}

	@Override
	public <T extends Resource> Optional<T> resolve(Reference reference, Class<T> type) {
		if (reference == null) {
			return Optional.empty();
		}
		if (reference.getResource() instanceof Resource inline && type.isInstance(inline)) {
			return Optional.of(type.cast(inline));
		}
		if (!reference.hasReference() || reference.getReference().startsWith("#")
				|| reference.getReference().startsWith("urn:")) {
			return Optional.empty();
		}
		IdType id = new IdType(reference.getReference());
		if (!id.hasResourceType() || !id.hasIdPart()) {
			return Optional.empty();
		}
		String resourceType = daoRegistry.getFhirContext().getResourceType(type);
		if (!resourceType.equals(id.getResourceType())) {
			return Optional.empty();
		}
		Resource local = overlay.get(key(id));
		if (local != null) {
			return Optional.of(type.cast(local));
		}
		return stored.reads.computeIfAbsent(key(id), k -> read(id, type)).map(type::cast);
	}

	private <T extends Resource> Optional<Resource> read(IdType id, Class<T> type) {
		try {
			IFhirResourceDao<T> dao = daoRegistry.getResourceDao(type);
			return Optional.of(dao.read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (BaseServerResponseException notThere) {
			return Optional.empty();
		}
	}

	@Override
	public List<Consent> consentsOf(Reference patient) {
		Map<String, Consent> consents = new LinkedHashMap<>();
		if (patient != null && patient.hasReference() && !patient.getReference().startsWith("urn:")
				&& !created.contains(patient.getReference())) {
			for (Consent consent : stored.consents.computeIfAbsent(patient.getReference(), this::searchConsents)) {
				consents.put(key(consent.getIdElement()), consent);
			}
		}
		for (Resource resource : overlay.values()) {
			if (resource instanceof Consent consent && sameResource(consent.getPatient(), patient)) {
				consents.put(key(consent.getIdElement()), consent);
			}
		}
		return new ArrayList<>(consents.values());
	}

	private List<Consent> searchConsents(String patientReference) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(Consent.SP_PATIENT, new ReferenceParam(patientReference));
		IBundleProvider found = daoRegistry.getResourceDao(Consent.class).search(map, new SystemRequestDetails());
		List<Consent> consents = new ArrayList<>();
		for (IBaseResource resource : found.getAllResources()) {
			consents.add((Consent) resource);
		}
		return consents;
	}

	@Override
	public LocalDate today() {
		return LocalDate.now(InMemoryRuleContext.SWEDEN);
	}

	static String key(IIdType id) {
		return id.getResourceType() + "/" + id.getIdPart();
	}
}
