package se.karta.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.ProfileKnowledgeWorkerR5;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.utilities.validation.ValidationMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Generates snapshots for the differential StructureDefinitions of the Karta package using HAPI's
 * {@link ProfileUtilities} over a {@link ValidationSupportChain} of the R4 core definitions and the
 * package's own conformance resources. Extensions are generated first, then profiles after their base.
 */
final class SnapshotGenerator {

	private final FhirContext fhirContext;
	private final PrePopulatedValidationSupport packageSupport;
	private final ValidationSupportChain chain;
	private final VersionCanonicalizer canonicalizer;

	SnapshotGenerator(FhirContext fhirContext, List<IBaseResource> conformanceResources) {
		this.fhirContext = fhirContext;
		this.packageSupport = new PrePopulatedValidationSupport(fhirContext);
		conformanceResources.forEach(packageSupport::addResource);
		// no cache: each generated snapshot replaces its differential-only original in packageSupport
		this.chain = new ValidationSupportChain(
				ValidationSupportChain.CacheConfiguration.disabled(),
				new DefaultProfileValidationSupport(fhirContext),
				packageSupport,
				new InMemoryTerminologyServerValidationSupport(fhirContext),
				new CommonCodeSystemsTerminologyService(fhirContext));
		this.canonicalizer = new VersionCanonicalizer(fhirContext);
	}

	/**
	 * Returns copies of the given StructureDefinitions with snapshots, in the order given.
	 *
	 * @throws IllegalStateException if snapshot generation reports an error
	 */
	List<StructureDefinition> generate(List<StructureDefinition> differentials) {
		Map<String, StructureDefinition> byUrl = new LinkedHashMap<>();
		differentials.forEach(sd -> byUrl.put(sd.getUrl(), sd));
		Map<String, StructureDefinition> done = new LinkedHashMap<>();
		for (StructureDefinition sd : generationOrder(differentials)) {
			generateWithBase(sd, byUrl, done);
		}
		return differentials.stream().map(sd -> done.get(sd.getUrl())).collect(Collectors.toList());
	}

	private void generateWithBase(
			StructureDefinition sd, Map<String, StructureDefinition> byUrl, Map<String, StructureDefinition> done) {
		if (done.containsKey(sd.getUrl())) {
			return;
		}
		StructureDefinition localBase = byUrl.get(sd.getBaseDefinition());
		if (localBase != null) {
			generateWithBase(localBase, byUrl, done);
		}
		StructureDefinition withSnapshot = generateOne(sd);
		packageSupport.addStructureDefinition(withSnapshot);
		done.put(sd.getUrl(), withSnapshot);
	}

	private StructureDefinition generateOne(StructureDefinition differential) {
		WorkerContextValidationSupportAdapter worker = new WorkerContextValidationSupportAdapter(chain);
		org.hl7.fhir.r5.model.StructureDefinition derived =
				canonicalizer.structureDefinitionToCanonical(differential.copy());
		org.hl7.fhir.r5.model.StructureDefinition base =
				worker.fetchResource(org.hl7.fhir.r5.model.StructureDefinition.class, derived.getBaseDefinition());
		if (base == null) {
			throw new IllegalStateException("Unknown base definition " + derived.getBaseDefinition() + " of "
					+ derived.getUrl());
		}
		List<ValidationMessage> messages = new ArrayList<>();
		ProfileUtilities utilities =
				new ProfileUtilities(worker, messages, new ProfileKnowledgeWorkerR5(fhirContext));
		utilities.generateSnapshot(base, derived, derived.getUrl(), null, derived.getName());
		List<String> errors = messages.stream()
				.filter(m -> m.getLevel() == ValidationMessage.IssueSeverity.ERROR
						|| m.getLevel() == ValidationMessage.IssueSeverity.FATAL)
				.map(m -> m.getLocation() + ": " + m.getMessage())
				.collect(Collectors.toList());
		if (!errors.isEmpty()) {
			throw new IllegalStateException("Snapshot generation failed for " + derived.getUrl() + ": " + errors);
		}
		messages.forEach(m -> System.out.println("[snapshot " + derived.getName() + "] " + m.getLevel() + " "
				+ m.getLocation() + ": " + m.getMessage()));
		return (StructureDefinition) canonicalizer.structureDefinitionFromCanonical(derived);
	}

	/** Extensions first (their base is the core Extension), then everything else. */
	private static List<StructureDefinition> generationOrder(List<StructureDefinition> differentials) {
		return differentials.stream()
				.sorted(Comparator.comparing((StructureDefinition sd) -> !"Extension".equals(sd.getType())))
				.collect(Collectors.toList());
	}
}
