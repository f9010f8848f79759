package se.karta.rules;

import se.karta.terms.KartaTerms;

import java.time.LocalDate;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;

/**
 * Test fixture: a valid SIP world and a valid LSS IP world that tests mutate. All resources are held by
 * reference in {@link #ctx}, so mutations are seen by the rules. "Today" is 2026-11-23.
 */
public final class KartaWorld {

    public static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    public final Patient patient = new Patient();
    public final Patient otherPatient = new Patient();
    public final Organization region = new Organization();
    public final Organization kommun = new Organization();
    public final Organization agency = new Organization();
    public final RelatedPerson relative = new RelatedPerson();
    public final RelatedPerson otherRelative = new RelatedPerson();
    public final CareTeam sipTeam = new CareTeam();
    public final CareTeam lssTeam = new CareTeam();
    public final Consent sipConsent = new Consent();
    public final CarePlan sip = new CarePlan();
    public final CarePlan lss = new CarePlan();
    public final Task planningRequest = new Task();
    public final InMemoryRuleContext ctx = new InMemoryRuleContext().withToday(TODAY);

    public KartaWorld() {
        patient.setId("Patient/p1");
        patient.addIdentifier().setSystem(KartaTerms.SYSTEM_PERSONNUMMER).setValue("191212121212");
        patient.addName(new HumanName().setFamily("Tolvansson").addGiven("Tolvan"));

        otherPatient.setId("Patient/p2");
        otherPatient.addIdentifier().setSystem(KartaTerms.SYSTEM_SAMORDNINGSNUMMER).setValue("197010632383");

        region.setId("Organization/region");
        region.setName("Region Stockholm");
        region.addType(cc(KartaTerms.CS_PRINCIPAL_TYPE, "region"));
        region.addIdentifier().setSystem(KartaTerms.SYSTEM_HSA_ID).setValue("SE2321000016-15RT");

        kommun.setId("Organization/kommun");
        kommun.setName("Solna kommun");
        kommun.addType(cc(KartaTerms.CS_PRINCIPAL_TYPE, "kommun"));
        kommun.addIdentifier().setSystem(KartaTerms.SYSTEM_ORGANISATIONSNUMMER).setValue("2120001124");

        agency.setId("Organization/fk");
        agency.setName("Försäkringskassan");
        agency.addType(cc(KartaTerms.CS_PRINCIPAL_TYPE, "state-agency"));
        agency.addIdentifier().setSystem(KartaTerms.SYSTEM_ORGANISATIONSNUMMER).setValue("2021005521");

        relative.setId("RelatedPerson/rel1");
        relative.setPatient(ref(patient));
        otherRelative.setId("RelatedPerson/rel2");
        otherRelative.setPatient(ref(patient));

        for (CareTeam team : new CareTeam[] {sipTeam, lssTeam}) {
            team.setStatus(CareTeam.CareTeamStatus.ACTIVE);
            team.setSubject(ref(patient));
            participant(team, "principal", ref(region));
            participant(team, "principal", ref(kommun));
            participant(team, "patient", ref(patient));
            participant(team, "relative", ref(relative));
        }
        sipTeam.setId("CareTeam/sip-team");
        participant(sipTeam, "other-actor", ref(agency));
        lssTeam.setId("CareTeam/lss-team");

        sipConsent.setId("Consent/sip-consent");
        sipConsent.setStatus(Consent.ConsentState.ACTIVE);
        sipConsent.setScope(cc("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"));
        sipConsent.addCategory(cc(KartaTerms.CS_CONSENT_CATEGORY, "sip-consent"));
        sipConsent.setPatient(ref(patient));
        sipConsent.setDateTimeElement(new DateTimeType("2026-01-05T10:00:00+01:00"));
        sipConsent.addPerformer(ref(patient));
        sipConsent.addOrganization(ref(region));
        sipConsent.addOrganization(ref(kommun));
        sipConsent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);

        plan(sip, "CarePlan/sip", "sip", sipTeam);
        sip.addSupportingInfo(ref(sipConsent));
        sip.addExtension(KartaTerms.EXT_LEGAL_BASIS, new Coding(KartaTerms.CS + "legal-basis", "hsl-16-4", null));
        activity(sip, "Hemsjukvård", region);
        activity(sip, "Hemtjänst", kommun);
        activity(sip, "Aktivitetsersättning", agency);

        plan(lss, "CarePlan/lss", "lss-ip", lssTeam);
        lss.addExtension(KartaTerms.EXT_LEGAL_BASIS, new Coding(KartaTerms.CS + "legal-basis", "lss-10", null));
        lss.addExtension(KartaTerms.EXT_LSS_PERSONKRETS, new Coding(KartaTerms.CS_LSS_PERSONKRETS, "1", null));
        Extension review = lss.addExtension().setUrl(KartaTerms.EXT_REVIEW);
        review.addExtension(KartaTerms.EXT_REVIEW_LAST, new DateType("2026-03-01"));
        review.addExtension(KartaTerms.EXT_REVIEW_NEXT, new DateType("2027-02-01"));
        decision(activity(lss, "Daglig verksamhet", kommun), "decided");
        decision(activity(lss, "Habilitering", region), "planned");

        planningRequest.setId("Task/planning-request");
        planningRequest.setStatus(Task.TaskStatus.ACCEPTED);
        planningRequest.setIntent(Task.TaskIntent.ORDER);
        planningRequest.setCode(cc(KartaTerms.CS_TASK_TYPE, "planning-request"));
        planningRequest.setFor(ref(patient));
        planningRequest.setRequester(ref(region));
        planningRequest.setOwner(ref(kommun));

        for (Resource r : new Resource[] {patient, otherPatient, region, kommun, agency, relative, otherRelative,
            sipTeam, lssTeam, sipConsent, sip, lss, planningRequest}) {
            ctx.add(r);
        }
    }

    public static Reference ref(Resource r) {
        return new Reference(r.getIdElement().getValue());
    }

    public static CodeableConcept cc(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    public static CareTeam.CareTeamParticipantComponent participant(CareTeam team, String role, Reference member) {
        CareTeam.CareTeamParticipantComponent p = team.addParticipant();
        p.addRole(cc(KartaTerms.CS_PARTICIPANT_ROLE, role));
        p.setMember(member);
        return p;
    }

    private void plan(CarePlan plan, String id, String type, CareTeam team) {
        plan.setId(id);
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory(cc(KartaTerms.CS_PLAN_TYPE, type));
        plan.setSubject(ref(patient));
        plan.getPeriod().setStartElement(new DateTimeType("2026-01-10"));
        plan.addCareTeam(ref(team));
        plan.addExtension(KartaTerms.EXT_OVERALL_RESPONSIBILITY, ref(region));
        plan.addExtension(KartaTerms.EXT_PATIENT_PARTICIPATION,
                new Coding(KartaTerms.CS_PARTICIPATION, "participated", null));
    }

    public static CarePlan.CarePlanActivityDetailComponent activity(CarePlan plan, String insats, Organization performer) {
        CarePlan.CarePlanActivityDetailComponent d = plan.addActivity().getDetail();
        d.getCode().setText(insats);
        d.setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS);
        d.addPerformer(ref(performer));
        return d;
    }

    public static void decision(CarePlan.CarePlanActivityDetailComponent d, String code) {
        d.addExtension(KartaTerms.EXT_INSATS_DECISION, new Coding(KartaTerms.CS_INSATS_DECISION, code, null));
    }

    /** An active relative-participation objection of the person, added to the context. */
    public Consent objection(String id, Reference... actors) {
        Consent c = new Consent();
        c.setId(id);
        c.setStatus(Consent.ConsentState.ACTIVE);
        c.addCategory(cc(KartaTerms.CS_CONSENT_CATEGORY, "relative-participation"));
        c.setPatient(ref(patient));
        c.setDateTimeElement(new DateTimeType("2026-11-01T09:00:00+01:00"));
        c.getProvision().setType(Consent.ConsentProvisionType.DENY);
        for (Reference a : actors) {
            c.getProvision().addActor()
                    .setRole(cc(KartaTerms.CS_PARTICIPANT_ROLE, "relative"))
                    .setReference(a);
        }
        ctx.add(c);
        return c;
    }
}
