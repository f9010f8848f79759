package se.karta.narrative;

import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;

/** In-memory plans, care teams and a resolver for the narrative tests. */
final class PlanFixtures {

    static final String SD = "https://fhir.karta.se/StructureDefinition/";
    static final String CS = "https://fhir.karta.se/CodeSystem/";

    final Map<String, Resource> store = new HashMap<>();

    final Function<Reference, Optional<? extends Resource>> resolver =
            ref -> Optional.ofNullable(store.get(ref.getReference()));

    <T extends Resource> T put(T resource) {
        store.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
        return resource;
    }

    Organization org(String id, String name, String type) {
        Organization o = new Organization();
        o.setId(id);
        o.setName(name);
        o.addType().addCoding(new Coding(CS + "principal-type", type, null));
        return put(o);
    }

    Patient patient() {
        Patient p = new Patient();
        p.setId("anna");
        p.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily("Andersson").addGiven("Anna");
        p.addIdentifier().setSystem("http://electronichealth.se/identifier/personnummer").setValue("191212121212");
        return put(p);
    }

    RelatedPerson relative(String id, String given, String family) {
        RelatedPerson rp = new RelatedPerson();
        rp.setId(id);
        rp.setPatient(new Reference("Patient/anna"));
        rp.addName().setFamily(family).addGiven(given);
        return put(rp);
    }

    static CodeableConcept role(String code) {
        return new CodeableConcept(new Coding(CS + "participant-role", code, null));
    }

    static Reference ref(String reference) {
        return new Reference(reference);
    }

    /** SIP for Anna: region, kommun, Försäkringskassan; three insatser; one current, one ended relative. */
    CarePlan sip() {
        patient();
        org("region", "Region Örebro län", "region");
        org("kommun", "Örebro kommun", "kommun");
        org("fk", "Försäkringskassan", "state-agency");
        relative("bertil", "Bertil", "Andersson");
        relative("cecilia", "Cecilia", "Berg");

        CareTeam team = new CareTeam();
        team.setId("team1");
        team.setName("Planeringsgrupp för Anna");
        team.setSubject(ref("Patient/anna"));
        team.addParticipant().addRole(role("patient")).setMember(ref("Patient/anna"));
        team.addParticipant().addRole(role("principal")).setMember(ref("Organization/region"));
        team.addParticipant().addRole(role("principal")).setMember(ref("Organization/kommun"));
        team.addParticipant().addRole(role("other-actor")).setMember(ref("Organization/fk"));
        team.addParticipant().addRole(role("relative")).setMember(ref("RelatedPerson/bertil"));
        team.addParticipant().addRole(role("relative")).setMember(ref("RelatedPerson/cecilia"))
                .setPeriod(new Period().setStart(date(2024, 1, 1)).setEnd(date(2025, 2, 1)));
        put(team);

        Goal goal = new Goal();
        goal.setId("g1");
        goal.getDescription().setText("Jag vill kunna bo kvar hemma");
        put(goal);

        CarePlan plan = new CarePlan();
        plan.setId("sip1");
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.addCategory().addCoding(new Coding(CS + "plan-type", "sip", null));
        plan.setSubject(ref("Patient/anna"));
        plan.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2025-03-01"));
        plan.addCareTeam(ref("CareTeam/team1"));
        plan.addGoal(ref("Goal/g1"));
        plan.addGoal(new Reference("Goal/missing").setDisplay("Att få arbeta deltid"));
        plan.addExtension(SD + "legal-basis", new Coding(CS + "legal-basis", "hsl-16-4", null));
        plan.addExtension(SD + "legal-basis", new Coding(CS + "legal-basis", "sol-2-7", "2 kap. 7 § SoL"));
        plan.addExtension(SD + "overall-responsibility", ref("Organization/kommun"));
        plan.addExtension(SD + "patient-participation", new Coding(CS + "participation", "participated", null));
        activity(plan, "Hemtjänst", "Organization/kommun", CarePlan.CarePlanActivityStatus.INPROGRESS);
        activity(plan, "Rehabilitering med arbetsterapeut", "Organization/region", CarePlan.CarePlanActivityStatus.NOTSTARTED);
        activity(plan, "Sjukpenning och rehabiliteringsplan", "Organization/fk", CarePlan.CarePlanActivityStatus.SCHEDULED);
        return plan;
    }

    /** LSS plan: one decided, one planned insats, next review 2026-02-15. */
    CarePlan lss() {
        CarePlan plan = sip();
        plan.setId("lss1");
        plan.getCategoryFirstRep().getCodingFirstRep().setCode("lss-ip");
        plan.getExtension().removeIf(e -> e.getUrl().equals(SD + "legal-basis"));
        plan.addExtension(SD + "legal-basis", new Coding(CS + "legal-basis", "lss-10", null));
        plan.addExtension(SD + "lss-personkrets", new Coding(CS + "lss-personkrets", "1", null));
        Extension review = plan.addExtension().setUrl(SD + "review");
        review.addExtension("lastReviewed", new DateType("2025-03-01"));
        review.addExtension("nextReview", new DateType("2026-02-15"));
        plan.getActivity().clear();
        CarePlan.CarePlanActivityDetailComponent d1 = activity(plan, null, "Organization/kommun", CarePlan.CarePlanActivityStatus.INPROGRESS);
        d1.getCode().addCoding(new Coding(CS + "lss-insats", "10", null));
        d1.addExtension(SD + "insats-decision", new Coding(CS + "insats-decision", "decided", null));
        CarePlan.CarePlanActivityDetailComponent d2 = activity(plan, null, "Organization/kommun", CarePlan.CarePlanActivityStatus.NOTSTARTED);
        d2.getCode().addCoding(new Coding(CS + "lss-insats", "4", "Kontaktperson"));
        d2.addExtension(SD + "insats-decision", new Coding(CS + "insats-decision", "planned", null));
        return plan;
    }

    static CarePlan.CarePlanActivityDetailComponent activity(CarePlan plan, String text, String performer,
                                                             CarePlan.CarePlanActivityStatus status) {
        CarePlan.CarePlanActivityDetailComponent d = plan.addActivity().getDetail();
        if (text != null) {
            d.getCode().setText(text);
        }
        d.addPerformer(ref(performer));
        d.setStatus(status);
        return d;
    }

    static Date date(int y, int m, int d) {
        return new DateType(y, m - 1, d).getValue();
    }

}
