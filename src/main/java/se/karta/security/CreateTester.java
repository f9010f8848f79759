package se.karta.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Task;

/**
 * Decides whether an organisation may create a resource (single create or a transaction entry;
 * references may still be {@code urn:uuid:} entries of the same transaction):
 *
 * <ul>
 *   <li>CarePlan: its care team names the caller's organisation as a {@code principal};
 *   <li>CareTeam: it names the caller's organisation as a {@code principal};
 *   <li>Consent, Goal, RelatedPerson: for a person the caller may already write, or a person created
 *       in the same transaction;
 *   <li>Task: requested by the caller's organisation, or for a person the caller may write;
 *   <li>Patient, QuestionnaireResponse: always (a new person or request reveals nothing stored);
 *   <li>Subscription: always; the server makes the caller's organisation its owner, and delivers only
 *       what that organisation may read ({@code se.karta.subscription}).
 * </ul>
 */
final class CreateTester implements IAuthRuleTester {

	private final KartaToken token;
	private final AccessSet access;
	private final AccessResolver resolver;

	CreateTester(KartaToken token, AccessSet access, AccessResolver resolver) {
		this.token = token;
		this.access = access;
		this.resolver = resolver;
	}

	@Override
	public boolean matches(RuleTestRequest test) {
		IBaseResource resource = test.resource;
		RequestDetails request = test.requestDetails;
		if (resource instanceof CarePlan plan) {
			return plan.getCareTeam().stream()
					.map(ref -> resolve(request, ref, "CareTeam"))
					.flatMap(Optional::stream)
					.anyMatch(team -> principal(request, (CareTeam) team));
		}
		if (resource instanceof CareTeam team) {
			return principal(request, team);
		}
		if (resource instanceof Consent consent) {
			return personWritable(request, consent.getPatient());
		}
		if (resource instanceof Goal goal) {
			return personWritable(request, goal.getSubject());
		}
		if (resource instanceof RelatedPerson person) {
			return personWritable(request, person.getPatient());
		}
		if (resource instanceof Task task) {
			return ownOrganization(request, task.getRequester()) || personWritable(request, task.getFor());
		}
		return resource != null && ("Patient".equals(resource.fhirType())
				|| "QuestionnaireResponse".equals(resource.fhirType())
				|| "Subscription".equals(resource.fhirType()));
	}

	private boolean principal(RequestDetails request, CareTeam team) {
		return team.getParticipant().stream()
				.filter(AccessResolver::isPrincipal)
				.filter(AccessResolver::current)
				.anyMatch(p -> ownOrganization(request, p.getMember()));
	}

	/** The reference names the caller's organisation: by id, or an Organization in the bundle with its HSA-id. */
	private boolean ownOrganization(RequestDetails request, Reference reference) {
		if (AccessResolver.isOneOf(reference, access.organizationIds())) {
			return true;
		}
		return resolve(request, reference, "Organization")
				.map(o -> ((Organization) o).getIdentifier().stream().anyMatch(this::isOwnHsaId))
				.orElse(false)
				&& newInBundle(request, reference);
	}

	private boolean isOwnHsaId(Identifier identifier) {
		return AccessResolver.HSA_SYSTEM.equals(identifier.getSystem())
				&& token.organizationHsaId().equals(identifier.getValue());
	}

	private boolean personWritable(RequestDetails request, Reference patient) {
		String value = patient.getReference();
		if (value == null) {
			return false;
		}
		if (value.startsWith("Patient/") && access.canWrite("Patient", value.substring("Patient/".length()))) {
			return true;
		}
		return newInBundle(request, patient);
	}

	/** The reference points at a resource the same transaction creates unconditionally. */
	private static boolean newInBundle(RequestDetails request, Reference reference) {
		return entry(request, reference.getReference())
				.filter(e -> e.getRequest().getMethod() == Bundle.HTTPVerb.POST && !e.getRequest().hasIfNoneExist())
				.isPresent();
	}

	private Optional<IBaseResource> resolve(RequestDetails request, Reference reference, String type) {
		String value = reference.getReference();
		if (value == null) {
			return Optional.empty();
		}
		Optional<Bundle.BundleEntryComponent> inBundle = entry(request, value);
		if (inBundle.isPresent()) {
			IBaseResource resource = inBundle.get().getResource();
			return resource != null && type.equals(resource.fhirType()) ? Optional.of(resource) : Optional.empty();
		}
		return resolver.read(type, value);
	}

	private static Optional<Bundle.BundleEntryComponent> entry(RequestDetails request, String reference) {
		if (reference == null || !(request.getResource() instanceof Bundle bundle)) {
			return Optional.empty();
		}
		return bundle.getEntry().stream().filter(e -> reference.equals(e.getFullUrl())).findFirst();
	}
}
