package se.karta.support;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/**
 * The resources of one of the package's example worlds ({@code profiles/examples/Bundle-*.json}),
 * either as the transaction entries (references are {@code urn:uuid:}) or as read back from the
 * server after storing it (references are real ids). Tests mutate it and send it.
 */
public final class ExampleWorld {

	public static final String SIP = "Bundle-sip-example.json";
	public static final String LSS = "Bundle-lss-ip-example.json";

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private final List<Resource> resources;
	/** The reference by which the other resources point at each resource, same order. */
	private final List<String> references;
	private final List<Resource> added = new ArrayList<>();

	private ExampleWorld(List<Resource> resources, List<String> references) {
		this.resources = resources;
		this.references = references;
	}

	public static Bundle transaction(String file) {
		try {
			String json = Files.readString(Path.of("profiles/examples", file));
			return FHIR.newJsonParser().parseResource(Bundle.class, json);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The world as the entries of a fresh transaction Bundle. */
	public static ExampleWorld inTransaction(Bundle bundle) {
		List<Resource> resources = new ArrayList<>();
		List<String> references = new ArrayList<>();
		bundle.getEntry().forEach(entry -> {
			resources.add(entry.getResource());
			references.add(entry.getFullUrl());
		});
		return new ExampleWorld(resources, references);
	}

	/** The world as stored: each entry read back from the server. */
	public static ExampleWorld stored(FhirHttp http, Bundle response) {
		List<Resource> resources = new ArrayList<>();
		List<String> references = new ArrayList<>();
		for (Bundle.BundleEntryComponent entry : response.getEntry()) {
			String location = entry.getResponse().getLocation().replaceAll("/_history.*", "");
			resources.add(http.get("/fhir/" + location).resource());
			references.add(location);
		}
		return new ExampleWorld(resources, references);
	}

	public <T extends Resource> T first(Class<T> type) {
		return first(type, r -> true);
	}

	public <T extends Resource> T first(Class<T> type, Predicate<T> where) {
		return resources.stream().filter(type::isInstance).map(type::cast).filter(where).findFirst()
				.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in the example"));
	}

	public Patient patient() {
		return first(Patient.class);
	}

	public CarePlan plan() {
		return first(CarePlan.class);
	}

	public CareTeam team() {
		return first(CareTeam.class);
	}

	public Consent consent() {
		return first(Consent.class);
	}

	public RelatedPerson relatedPerson() {
		return first(RelatedPerson.class);
	}

	public Organization organization(String principalType) {
		return first(Organization.class, o -> o.getType().stream()
				.anyMatch(t -> t.getCoding().stream().anyMatch(c -> principalType.equals(c.getCode()))));
	}

	/** The reference the world's other resources use for {@code resource}. */
	public Reference ref(Resource resource) {
		for (int i = 0; i < resources.size(); i++) {
			if (resources.get(i) == resource) {
				return new Reference(references.get(i));
			}
		}
		throw new AssertionError("not in this world: " + resource.fhirType());
	}

	/** A new resource that joins the world (POSTed, or a new transaction entry). */
	public void add(Resource resource) {
		added.add(resource);
	}

	public List<Resource> resources() {
		return resources;
	}

	public List<Resource> added() {
		return added;
	}

	public Map<Resource, String> snapshot() {
		Map<Resource, String> json = new java.util.IdentityHashMap<>();
		resources.forEach(r -> json.put(r, FhirHttp.encode(r)));
		return json;
	}
}
