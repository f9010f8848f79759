package se.karta.directory;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import se.karta.server.Outcomes;

/**
 * {@code GET /fhir/$rare-diagnosis-support?diagnosis=SYSTEM|CODE[&region=…]}: where a person with a
 * rare diagnosis finds support. Answers a {@code searchset} Bundle, in this order:
 *
 * <ol>
 *   <li>the CSD of the person's region: the Organization and its guidance HealthcareService (a
 *       sjukvårdsregion with two CSDs gives both, the one in the person's own region first);</li>
 *   <li>the expert teams and expert resources for the diagnosis: those covering the person's region
 *       first, then the national ones (covering the Location of all of Sweden); without {@code region},
 *       the national ones first, then all others;</li>
 *   <li>the ERNs that cover the diagnosis;</li>
 *   <li>the information links about the diagnosis.</li>
 * </ol>
 *
 * {@code diagnosis} is an ORPHAcode ({@code http://www.orpha.net|778}, {@code ORPHA:778} is accepted
 * as code) or ICD-10 ({@code http://hl7.org/fhir/sid/icd-10|F84.2}); it is matched on
 * {@code specialty} and {@code characteristic} of HealthcareService and on {@code context.event} of
 * DocumentReference. {@code region} is a region name ("Region Skåne", "Skåne", "Skåne län"), a county
 * code ("12"), a {@code Location/id} or an {@code Organization/id} of the region (matched by its
 * organisationsnummer, also inside an HSA-id, else by name).
 *
 * <p>A diagnosis the directory knows nothing about gives an empty Bundle (total 0) with one
 * informational OperationOutcome entry naming the CSD to turn to. A malformed diagnosis (no
 * {@code |}, a system other than ORPHAcode or ICD-10, no code) or an unknown region is a 400.
 */
public class RareDiagnosisSupportProvider {

	private final DaoRegistry daoRegistry;

	public RareDiagnosisSupportProvider(DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	/** A parsed {@code diagnosis} parameter. */
	record Diagnosis(String system, String code) {
		String token() {
			return system + "|" + code;
		}
	}

	@Operation(name = "$rare-diagnosis-support", idempotent = true)
	public Bundle rareDiagnosisSupport(
			@OperationParam(name = "diagnosis", min = 1, max = 1) StringType diagnosisParam,
			@OperationParam(name = "region", min = 0, max = 1) StringType regionParam,
			RequestDetails request) {
		Diagnosis diagnosis = parseDiagnosis(diagnosisParam == null ? null : diagnosisParam.getValue());
		Optional<Location> region = regionParam == null || regionParam.isEmpty()
				? Optional.empty()
				: Optional.of(resolveRegion(regionParam.getValue().trim()));

		List<HealthcareService> centres = region.map(this::centresFor).orElse(List.of());
		List<HealthcareService> services = servicesFor(diagnosis);
		List<HealthcareService> teams = services.stream()
				.filter(s -> hasKind(s.getCategory(), DirectoryTerms.KIND_EXPERT_TEAM, DirectoryTerms.KIND_EXPERT_RESOURCE))
				.collect(Collectors.toList());
		List<HealthcareService> erns = services.stream()
				.filter(s -> hasKind(s.getCategory(), DirectoryTerms.KIND_ERN))
				.sorted(Comparator.comparing(HealthcareService::getName))
				.toList();
		List<DocumentReference> links = linksFor(diagnosis);

		String base = request.getFhirServerBase();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		bundle.getMeta().setLastUpdated(new java.util.Date());
		bundle.addLink().setRelation("self").setUrl(request.getCompleteUrl());
		if (teams.isEmpty() && erns.isEmpty() && links.isEmpty()) {
			bundle.setTotal(0);
			bundle.addEntry()
					.setFullUrl("urn:uuid:" + java.util.UUID.randomUUID())
					.setResource(unknownDiagnosis(diagnosis, centres))
					.getSearch().setMode(SearchEntryMode.OUTCOME);
			return bundle;
		}
		List<Resource> matches = new ArrayList<>();
		for (HealthcareService centre : centres) {
			organization(centre.getProvidedBy()).ifPresent(o -> addOnce(matches, o));
			matches.add(centre);
		}
		matches.addAll(ordered(teams, region));
		matches.addAll(erns);
		matches.addAll(links);
		bundle.setTotal(matches.size());
		for (Resource resource : matches) {
			bundle.addEntry()
					.setFullUrl(base + "/" + resource.getIdElement().toUnqualifiedVersionless().getValue())
					.setResource(resource)
					.getSearch().setMode(SearchEntryMode.MATCH);
		}
		return bundle;
	}

	// ------------------------------------------------------------------ parameters

	static Diagnosis parseDiagnosis(String value) {
		if (value == null || value.isBlank()) {
			throw badRequest("Parametern diagnosis saknas. Ange SYSTEM|KOD, t.ex. http://www.orpha.net|778.",
					"Parameter 'diagnosis' is required as SYSTEM|CODE, e.g. http://www.orpha.net|778");
		}
		int bar = value.indexOf('|');
		if (bar < 0) {
			throw badRequest("Diagnosen ska anges som SYSTEM|KOD, t.ex. http://www.orpha.net|778 eller "
							+ "http://hl7.org/fhir/sid/icd-10|F84.2.",
					"Malformed diagnosis '" + value + "': expected SYSTEM|CODE with system " + DirectoryTerms.ORPHA
							+ " or " + DirectoryTerms.ICD_10);
		}
		String system = value.substring(0, bar).trim();
		String code = value.substring(bar + 1).trim();
		if (!DirectoryTerms.DIAGNOSIS_SYSTEMS.contains(system)) {
			throw badRequest("Okänt kodsystem för diagnos: " + system + ". Använd ORPHA-kod (http://www.orpha.net) "
							+ "eller ICD-10 (http://hl7.org/fhir/sid/icd-10).",
					"Unknown diagnosis code system '" + system + "': use " + DirectoryTerms.ORPHA + " or " + DirectoryTerms.ICD_10);
		}
		if (DirectoryTerms.ORPHA.equals(system) && code.toUpperCase(Locale.ROOT).startsWith("ORPHA:")) {
			code = code.substring("ORPHA:".length()).trim();
		}
		if (code.isEmpty() || code.contains("|")) {
			throw badRequest("Diagnoskoden saknas eller är felaktig.", "Missing or malformed diagnosis code in '" + value + "'");
		}
		return new Diagnosis(system, code);
	}

	private Location resolveRegion(String value) {
		Optional<Location> found;
		if (value.startsWith("Location/")) {
			found = read(Location.class, value).filter(this::isRegion);
		} else if (value.startsWith("Organization/")) {
			found = read(Organization.class, value).flatMap(this::regionOfOrganization);
		} else if (value.matches("\\d{1,2}")) {
			String code = value.length() == 1 ? "0" + value : value;
			found = search(Location.class, "identifier", new TokenParam(DirectoryTerms.COUNTY_CODE, code)).stream()
					.findFirst();
		} else {
			found = regionByName(value);
		}
		return found.orElseThrow(() -> badRequest(
				"Okänd region: " + value + ". Ange regionens namn (t.ex. Region Skåne), länskod (t.ex. 12) "
						+ "eller en referens till regionens Organization eller Location.",
				"Unknown region '" + value + "': give a region name, a two-digit county code, Organization/id or Location/id"));
	}

	private Optional<Location> regionOfOrganization(Organization organization) {
		for (Identifier identifier : organization.getIdentifier()) {
			String number = null;
			if (DirectoryTerms.ORGANISATIONSNUMMER.equals(identifier.getSystem())) {
				number = identifier.getValue();
			} else if (DirectoryTerms.HSA_ID.equals(identifier.getSystem()) && identifier.getValue() != null
					&& identifier.getValue().length() >= 12) {
				number = identifier.getValue().substring(2, 12);
			}
			if (number != null) {
				Optional<Location> byNumber = search(Location.class, "identifier",
						new TokenParam(DirectoryTerms.ORGANISATIONSNUMMER, number.replace("-", ""))).stream()
						.filter(this::isRegion)
						.findFirst();
				if (byNumber.isPresent()) {
					return byNumber;
				}
			}
		}
		return organization.hasName() ? regionByName(organization.getName()) : Optional.empty();
	}

	private Optional<Location> regionByName(String name) {
		String wanted = normalise(name);
		return search(Location.class, "type", new TokenParam(DirectoryTerms.AREA_TYPE, DirectoryTerms.AREA_REGION))
				.stream()
				.filter(l -> normalise(l.getName()).equals(wanted)
						|| l.getAlias().stream().anyMatch(a -> normalise(a.getValue()).equals(wanted)))
				.findFirst();
	}

	private static String normalise(String text) {
		return text == null ? "" : Normalizer.normalize(text.trim(), Normalizer.Form.NFC)
				.toLowerCase(Locale.forLanguageTag("sv")).replaceAll("\\s+", " ");
	}

	private boolean isRegion(Location location) {
		return hasCode(location.getType(), DirectoryTerms.AREA_TYPE, DirectoryTerms.AREA_REGION);
	}

	// ------------------------------------------------------------------ lookups

	/** The CSD guidance services covering the region, the one hosted in the region first. */
	private List<HealthcareService> centresFor(Location region) {
		String regionId = region.getIdElement().toUnqualifiedVersionless().getValue();
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add("coverage-area", new ReferenceParam(regionId));
		map.add("service-category", new TokenParam(DirectoryTerms.KIND, DirectoryTerms.KIND_CSD));
		return search(HealthcareService.class, map).stream()
				.filter(s -> !s.hasActive() || s.getActive())
				.sorted(Comparator.comparing((HealthcareService s) -> !s.getLocation().stream()
								.anyMatch(l -> sameId(l, regionId)))
						.thenComparing(HealthcareService::getName))
				.toList();
	}

	/** Every active HealthcareService naming the diagnosis in specialty or characteristic. */
	private List<HealthcareService> servicesFor(Diagnosis diagnosis) {
		Map<String, HealthcareService> found = new LinkedHashMap<>();
		for (String parameter : List.of("specialty", "characteristic")) {
			for (HealthcareService service : search(HealthcareService.class, parameter,
					new TokenParam(diagnosis.system(), diagnosis.code()))) {
				if (!service.hasActive() || service.getActive()) {
					found.putIfAbsent(service.getIdElement().toUnqualifiedVersionless().getValue(), service);
				}
			}
		}
		return new ArrayList<>(found.values());
	}

	private List<DocumentReference> linksFor(Diagnosis diagnosis) {
		return search(DocumentReference.class, "event", new TokenParam(diagnosis.system(), diagnosis.code())).stream()
				.filter(d -> d.getStatus() == null || d.getStatus() == org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT)
				.filter(d -> d.getCategory().stream().anyMatch(c -> c.getCoding().stream()
						.anyMatch(k -> DirectoryTerms.KIND.equals(k.getSystem())
								&& DirectoryTerms.KIND_INFORMATION_LINK.equals(k.getCode()))))
				.sorted(Comparator.comparing(d -> d.getContentFirstRep().getAttachment().getTitle(),
						Comparator.nullsLast(Comparator.naturalOrder())))
				.toList();
	}

	/** Own region first, then national; without a region national first, then the rest. */
	private List<HealthcareService> ordered(List<HealthcareService> teams, Optional<Location> region) {
		Set<String> national = search(Location.class, "type",
				new TokenParam(DirectoryTerms.AREA_TYPE, DirectoryTerms.AREA_COUNTRY)).stream()
				.map(l -> l.getIdElement().toUnqualifiedVersionless().getValue())
				.collect(Collectors.toSet());
		List<HealthcareService> own = new ArrayList<>();
		List<HealthcareService> countrywide = new ArrayList<>();
		List<HealthcareService> others = new ArrayList<>();
		for (HealthcareService team : teams) {
			if (region.isPresent() && covers(team, region.get())) {
				own.add(team);
			} else if (team.getCoverageArea().stream().anyMatch(c -> national.stream().anyMatch(n -> sameId(c, n)))) {
				countrywide.add(team);
			} else {
				others.add(team);
			}
		}
		Comparator<HealthcareService> byName = Comparator.comparing(HealthcareService::getName);
		own.sort(byName);
		countrywide.sort(byName);
		others.sort(byName);
		List<HealthcareService> result = new ArrayList<>(own);
		result.addAll(countrywide);
		if (region.isEmpty()) {
			result.addAll(others);
		}
		return result;
	}

	/** Covers the region itself or the sjukvårdsregion it belongs to. */
	private static boolean covers(HealthcareService team, Location region) {
		String regionId = region.getIdElement().toUnqualifiedVersionless().getValue();
		String partOf = region.hasPartOf() ? region.getPartOf().getReferenceElement().toUnqualifiedVersionless().getValue() : null;
		return team.getCoverageArea().stream().anyMatch(c -> sameId(c, regionId) || (partOf != null && sameId(c, partOf)));
	}

	private OperationOutcome unknownDiagnosis(Diagnosis diagnosis, List<HealthcareService> centres) {
		String csd = centres.stream().map(c -> organization(c.getProvidedBy()).map(Organization::getName)
						.orElse(c.getProvidedBy().getDisplay()))
				.filter(n -> n != null && !n.isBlank())
				.distinct()
				.collect(Collectors.joining(" eller "));
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(IssueSeverity.INFORMATION)
				.setCode(IssueType.NOTFOUND)
				.setDiagnostics("No expert team, ERN or information link for diagnosis " + diagnosis.token()
						+ " in the directory; contact the Centre for rare diseases (CSD) of the person's region")
				.getDetails()
				.setText("Katalogen har inga expertteam, europeiska referensnätverk eller länkar för diagnosen "
						+ diagnosis.token() + ". Kontakta Centrum för sällsynta diagnoser (CSD) i din region"
						+ (csd.isEmpty() ? "" : ": " + csd) + ".");
		return outcome;
	}

	// ------------------------------------------------------------------ helpers

	private Optional<Organization> organization(Reference reference) {
		if (reference == null || !reference.hasReference()) {
			return Optional.empty();
		}
		return read(Organization.class, reference.getReference());
	}

	private <T extends IBaseResource> Optional<T> read(Class<T> type, String reference) {
		try {
			org.hl7.fhir.r4.model.IdType id = new org.hl7.fhir.r4.model.IdType(reference);
			if (!type.getSimpleName().equals(id.getResourceType()) || !id.hasIdPart()) {
				return Optional.empty();
			}
			return Optional.of(daoRegistry.getResourceDao(type).read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
		} catch (BaseServerResponseException e) {
			return Optional.empty();
		}
	}

	private <T extends IBaseResource> List<T> search(Class<T> type, String parameter, ca.uhn.fhir.model.api.IQueryParameterType value) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(parameter, value);
		return search(type, map);
	}

	@SuppressWarnings("unchecked")
	private <T extends IBaseResource> List<T> search(Class<T> type, SearchParameterMap map) {
		return (List<T>) daoRegistry.getResourceDao(type).search(map, new SystemRequestDetails()).getAllResources();
	}

	private static void addOnce(List<Resource> list, Resource resource) {
		String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
		if (list.stream().noneMatch(r -> r.getIdElement().toUnqualifiedVersionless().getValue().equals(id))) {
			list.add(resource);
		}
	}

	private static boolean sameId(Reference reference, String id) {
		return reference.hasReference()
				&& reference.getReferenceElement().toUnqualifiedVersionless().getValue().equals(id);
	}

	private static boolean hasKind(List<CodeableConcept> concepts, String... codes) {
		return hasCode(concepts, DirectoryTerms.KIND, codes);
	}

	private static boolean hasCode(List<CodeableConcept> concepts, String system, String... codes) {
		Set<String> wanted = Set.of(codes);
		return concepts.stream().flatMap(c -> c.getCoding().stream())
				.anyMatch(c -> system.equals(c.getSystem()) && wanted.contains(c.getCode()));
	}

	private static InvalidRequestException badRequest(String textSv, String diagnosticsEn) {
		InvalidRequestException exception = new InvalidRequestException(diagnosticsEn);
		exception.setOperationOutcome(Outcomes.error(IssueType.INVALID, textSv, diagnosticsEn));
		return exception;
	}
}
