package se.karta.support;

import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * Valid Karta resources for tests, built the way a client would send them (CONTRACT sections 1-3).
 * Every test mutates its own copies.
 */
public final class Fixtures {

	public static final String BASE = "https://fhir.karta.se";
	public static final String PERSONNUMMER = "http://electronichealth.se/identifier/personnummer";
	public static final String HSA = "urn:oid:1.2.752.29.4.19";
	public static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

	/** HSA-ids of the organisations of the example bundles. */
	public static final String REGION_HSA = "SE2321000016-KARTA1";
	public static final String KOMMUN_HSA = "SE2120001124-SOC1";
	public static final String FK_HSA = "SE2021005521-FK1";
	/** An organisation in no care team of any test (see {@link #outsider}). */
	public static final String OUTSIDER_HSA = "SE2321000016-UTOMST1";

	private Fixtures() {}

	/** The id of the outsider's Organization, stored on first use. */
	public static String outsider(FhirHttp http) {
		Bundle found = http.get("/fhir/Organization?identifier=" + HSA + "|" + OUTSIDER_HSA).bundle();
		if (found.getTotal() > 0) {
			return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
		}
		FhirHttp.Response created = http.post("/fhir/Organization", organization("region", "Utomstående", OUTSIDER_HSA));
		if (created.status() != 201) {
			throw new AssertionError("outsider Organization not stored: " + created.body());
		}
		return created.createdId();
	}

	public static String cs(String id) {
		return BASE + "/CodeSystem/" + id;
	}

	public static String ext(String id) {
		return BASE + "/StructureDefinition/" + id;
	}

	public static Patient patient(String personnummer, String family) {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(PERSONNUMMER).setValue(personnummer);
		patient.addName().setFamily(family).addGiven("Tolvan");
		patient.setGender(AdministrativeGender.MALE);
		return patient;
	}

	public static Organization organization(String principalType, String name, String hsaId) {
		Organization organization = new Organization();
		Identifier identifier = organization.addIdentifier().setSystem(HSA).setValue(hsaId);
		identifier.setType(new CodeableConcept(new Coding(V2_0203, "PRN", "Provider number")));
		organization.addType(new CodeableConcept(new Coding(cs("principal-type"), principalType, null)));
		organization.setName(name);
		organization.setActive(true);
		return organization;
	}

	public static Organization region() {
		return organization("region", "Region Stockholm", "SE2321000016-KRT1");
	}

	public static Organization kommun() {
		return organization("kommun", "Stockholms stad", "SE2120001124-KRT1");
	}

	public static CareTeam careTeam(Reference patient, Reference region, Reference kommun) {
		CareTeam team = new CareTeam();
		team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
		team.setName("Planeringsgrupp");
		team.setSubject(patient);
		team.addParticipant().addRole(role("principal")).setMember(region);
		team.addParticipant().addRole(role("principal")).setMember(kommun);
		team.addParticipant().addRole(role("patient")).setMember(patient);
		return team;
	}

	public static CodeableConcept role(String code) {
		return new CodeableConcept(new Coding(cs("participant-role"), code, null));
	}

	public static Consent sipConsent(Reference patient, Reference... organizations) {
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
		consent.addCategory(new CodeableConcept(new Coding(cs("consent-category"), "sip-consent", null)));
		consent.setPatient(patient);
		consent.setDateTime(new Date());
		consent.addPerformer(patient);
		for (Reference organization : organizations) {
			consent.addOrganization(organization);
		}
		consent.setPolicyRule(new CodeableConcept(new Coding(cs("legal-basis"), "hsl-16-4", null)));
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		return consent;
	}

	public static CarePlan sipPlan(Reference patient, Reference careTeam, Reference consent, Reference region, Reference kommun) {
		CarePlan plan = new CarePlan();
		plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
		plan.setIntent(CarePlan.CarePlanIntent.PLAN);
		plan.addCategory(new CodeableConcept(new Coding(cs("plan-type"), "sip", "Samordnad individuell plan")));
		plan.setTitle("SIP för Tolvan");
		plan.setSubject(patient);
		plan.setPeriod(new Period().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2026-11-01")));
		plan.addCareTeam(careTeam);
		if (consent != null) {
			plan.addSupportingInfo(consent);
		}
		plan.addExtension(new Extension(ext("legal-basis"), new Coding(cs("legal-basis"), "hsl-16-4", null)));
		plan.addExtension(new Extension(ext("legal-basis"), new Coding(cs("legal-basis"), "sol-2-7", null)));
		plan.addExtension(new Extension(ext("overall-responsibility"), region.copy()));
		plan.addExtension(new Extension(ext("patient-participation"), new Coding(cs("participation"), "participated", null)));
		addActivity(plan, "Hemsjukvård", region);
		addActivity(plan, "Hemtjänst", kommun);
		return plan;
	}

	public static void addActivity(CarePlan plan, String insats, Reference performer) {
		CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
		detail.setCode(new CodeableConcept().setText(insats));
		detail.setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS);
		detail.addPerformer(performer.copy());
	}

	public static Task planningRequest(Reference patient, Reference requester, Reference owner) {
		Task task = new Task();
		task.setStatus(Task.TaskStatus.REQUESTED);
		task.setIntent(Task.TaskIntent.ORDER);
		task.setCode(new CodeableConcept(new Coding(cs("task-type"), "planning-request", null)));
		task.setFor(patient);
		task.setRequester(requester);
		task.setOwner(owner);
		task.setAuthoredOn(new Date());
		return task;
	}

	public static DateType date(String iso) {
		return new DateType(iso);
	}

	/** A whole SIP world as one transaction: patient, region, kommun, care team, consent, plan. */
	public static Bundle sipTransaction(String personnummer) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Reference patient = add(bundle, patient(personnummer, "Tolvansson"));
		Reference region = add(bundle, region());
		Reference kommun = add(bundle, kommun());
		Reference team = add(bundle, careTeam(patient, region, kommun));
		Reference consent = add(bundle, sipConsent(patient, region, kommun));
		add(bundle, sipPlan(patient, team, consent, region, kommun));
		return bundle;
	}

	public static Reference add(Bundle bundle, Resource resource) {
		String fullUrl = "urn:uuid:" + UUID.randomUUID();
		bundle.addEntry()
				.setFullUrl(fullUrl)
				.setResource(resource)
				.getRequest()
				.setMethod(Bundle.HTTPVerb.POST)
				.setUrl(resource.fhirType());
		return new Reference(fullUrl);
	}

	/** An active objection to relatives taking part (all relatives), given a minute ago. */
	public static Consent relativeObjection(ExampleWorld w) {
		Consent consent = new Consent();
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.setScope(new CodeableConcept(
				new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
		consent.addCategory(new CodeableConcept(new Coding(cs("consent-category"), "relative-participation", null)));
		consent.setPatient(w.ref(w.patient()));
		consent.setDateTime(new Date(System.currentTimeMillis() - 60_000));
		consent.addPerformer(w.ref(w.patient()));
		consent.addOrganization(w.ref(w.organization("region")));
		consent.addOrganization(w.ref(w.organization("kommun")));
		consent.setPolicyRule(new CodeableConcept(new Coding(cs("legal-basis"), "lss-10", null)));
		consent.getProvision().setType(Consent.ConsentProvisionType.DENY);
		return consent;
	}
}
