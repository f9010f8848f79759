package se.karta.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.utilities.xhtml.NodeType;
import org.hl7.fhir.utilities.xhtml.XhtmlNode;
import org.junit.jupiter.api.Test;

class PlanNarrativeGeneratorTest {

    private static final Clock JUNE_2025 = Clock.fixed(Instant.parse("2025-06-01T10:00:00Z"), ZoneId.of("Europe/Stockholm"));

    /** Elements and attributes a FHIR narrative may use (txt-1, txt-2) that this template uses at most. */
    private static final Set<String> ALLOWED_ELEMENTS = Set.of(
            "div", "p", "h1", "h2", "h3", "h4", "b", "i", "em", "strong", "span", "br",
            "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li");
    private static final Set<String> ALLOWED_ATTRIBUTES = Set.of("class", "xmlns");

    private final PlanNarrativeGenerator generator = new PlanNarrativeGenerator(JUNE_2025);

    @Test
    void sipNamesEachInsatsItsOrganisationAndTheOverallResponsibleOrganisation() {
        PlanFixtures f = new PlanFixtures();
        CarePlan plan = f.sip();

        Narrative narrative = generator.generate(plan, f.resolver);
        String html = narrative.getDivAsString();

        assertThat(narrative.getStatus()).isEqualTo(Narrative.NarrativeStatus.GENERATED);
        assertThat(html).contains("Samordnad individuell plan (SIP)", "Anna Andersson");
        assertThat(html).contains("16 kap. 4 § hälso- och sjukvårdslagen (2017:30)", "2 kap. 7 § SoL");
        assertThat(rowOf(html, "Hemtjänst")).contains("Örebro kommun", "Pågår");
        assertThat(rowOf(html, "Rehabilitering med arbetsterapeut")).contains("Region Örebro län", "Ej påbörjad");
        assertThat(rowOf(html, "Sjukpenning och rehabiliteringsplan")).contains("Försäkringskassan", "Schemalagd");
        assertThat(rowOf(html, "Övergripande ansvar")).contains("Örebro kommun");
        assertThat(rowOf(html, "Status")).contains("Aktiv");
        assertThat(html).contains("Jag vill kunna bo kvar hemma", "Att få arbeta deltid");
        assertThat(html).contains("Den enskilde har deltagit");
        assertThat(html).doesNotContain("Beslutad eller planerad");
    }

    @Test
    void scriptInResourceContentIsEscaped() {
        PlanFixtures f = new PlanFixtures();
        CarePlan plan = f.sip();
        plan.getActivityFirstRep().getDetail().getCode().setText("<script>alert('x')</script> & <b>mer</b>");
        ((org.hl7.fhir.r4.model.Organization) f.store.get("Organization/region")).setName("Region \"<img src=x onerror=alert(1)>\"");

        Narrative narrative = generator.generate(plan, f.resolver);
        String raw = generator.renderHtml(plan, f.resolver, List.of());

        assertThat(raw).contains("&lt;script&gt;").doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>mer");
        assertThat(narrative.getDivAsString()).contains("&lt;script&gt;").doesNotContain("<script");
        assertValidNarrative(narrative);
    }

    @Test
    void lssPlanShowsDecidedPlannedPersonkretsAndNextReview() {
        PlanFixtures f = new PlanFixtures();
        CarePlan plan = f.lss();

        String html = generator.generate(plan, f.resolver).getDivAsString();

        assertThat(html).contains("Individuell plan enligt LSS", "Beslutad eller planerad");
        assertThat(rowOf(html, "Daglig verksamhet")).contains("Beslutad", "Örebro kommun");
        assertThat(rowOf(html, "Kontaktperson")).contains("Planerad");
        assertThat(rowOf(html, "Nästa omprövning")).contains("2026-02-15");
        assertThat(rowOf(html, "Senast omprövad")).contains("2025-03-01");
        assertThat(rowOf(html, "Personkrets")).contains("1 § punkt 1 LSS");
        assertThat(html).contains("10 § lagen om stöd och service till vissa funktionshindrade");
    }

    @Test
    void endedRelativeIsNotShownCurrentRelativeIs() {
        PlanFixtures f = new PlanFixtures();
        String html = generator.generate(f.sip(), f.resolver).getDivAsString();

        assertThat(html).contains("Bertil Andersson").doesNotContain("Cecilia");
        assertThat(html).contains("Planeringsgrupp för Anna", "Försäkringskassan (Övrig aktör)");
    }

    @Test
    void relativeCoveredByActiveObjectionIsNotShown() {
        PlanFixtures f = new PlanFixtures();
        CarePlan plan = f.sip();
        Consent objection = objection();
        objection.getProvision().addActor()
                .setRole(PlanFixtures.role("relative"))
                .setReference(new Reference("RelatedPerson/bertil"));
        objection.setId("obj1");
        f.put(objection);
        plan.addSupportingInfo(new Reference("Consent/obj1"));

        String html = generator.generate(plan, f.resolver).getDivAsString();
        assertThat(html).doesNotContain("Bertil").doesNotContain("Cecilia").contains("Anna Andersson");

        // an objection without actors covers every relative; given by the caller, not referenced by the plan
        PlanFixtures g = new PlanFixtures();
        String html2 = generator.generate(g.sip(), g.resolver, List.of(objection())).getDivAsString();
        assertThat(html2).doesNotContain("Bertil").contains("Region Örebro län (Huvudman)");

        // an inactive objection does not hide anyone
        Consent inactive = objection().setStatus(Consent.ConsentState.INACTIVE);
        PlanFixtures h = new PlanFixtures();
        assertThat(generator.generate(h.sip(), h.resolver, List.of(inactive)).getDivAsString()).contains("Bertil Andersson");
    }

    @Test
    void unresolvedReferencesFallBackToDisplayOrReference() {
        PlanFixtures f = new PlanFixtures();
        CarePlan plan = f.sip();
        f.store.remove("Organization/fk");
        f.store.remove("Patient/anna");
        plan.getSubject().setDisplay("Anna A.");
        plan.getActivity().get(1).getDetail().getPerformerFirstRep().setReference("Organization/gone");

        String html = generator.generate(plan, f.resolver).getDivAsString();

        assertThat(html).contains("Anna A.");
        assertThat(rowOf(html, "Sjukpenning och rehabiliteringsplan")).contains("Organization/fk");
        assertThat(rowOf(html, "Rehabilitering med arbetsterapeut")).contains("Organization/gone");
    }

    @Test
    void resolverThatThrowsOrIsMissingDoesNotBreakTheNarrative() {
        PlanFixtures f = new PlanFixtures();
        CarePlan plan = f.sip();
        Narrative n1 = generator.generate(plan, ref -> {
            throw new IllegalStateException("db down");
        });
        Narrative n2 = generator.generate(plan, null);
        assertThat(n1.getDivAsString()).contains("Hemtjänst", "Organization/kommun", "CareTeam/team1");
        assertThat(n2.getDivAsString()).isEqualTo(n1.getDivAsString());
        assertValidNarrative(n1);
    }

    @Test
    void containedResourcesAreUsed() {
        PlanFixtures f = new PlanFixtures();
        CarePlan plan = f.sip();
        org.hl7.fhir.r4.model.Organization contained = new org.hl7.fhir.r4.model.Organization().setName("Habiliteringen");
        contained.setId("hab");
        plan.addContained(contained);
        plan.getActivityFirstRep().getDetail().getPerformerFirstRep().setReference("#hab");

        assertThat(rowOf(generator.generate(plan, f.resolver).getDivAsString(), "Hemtjänst")).contains("Habiliteringen");
    }

    @Test
    void draftPlanWithoutActivitiesOrCareTeam() {
        CarePlan plan = new CarePlan();
        plan.setStatus(CarePlan.CarePlanStatus.DRAFT);
        plan.addCategory(new CodeableConcept(new Coding(PlanFixtures.CS + "plan-type", "sip", null)));
        plan.setSubject(new Reference("Patient/x"));

        Narrative narrative = generator.generate(plan, ref -> java.util.Optional.empty());

        assertThat(narrative.getDivAsString()).contains("Utkast", "Inga insatser", "Patient/x", "Ej angivet");
        assertValidNarrative(narrative);
    }

    @Test
    void outputIsValidFhirXhtml() throws Exception {
        for (boolean lss : List.of(false, true)) {
            PlanFixtures fx = new PlanFixtures();
            CarePlan p = lss ? fx.lss() : fx.sip();
            String raw = generator.renderHtml(p, fx.resolver, List.of());

            XhtmlNode parsed = new XhtmlNode();
            parsed.setValueAsString(raw); // HAPI's own xhtml parser
            assertThat(parsed.getChildNodes()).isNotEmpty();

            Narrative narrative = generator.generate(p, fx.resolver);
            assertValidNarrative(narrative);
            assertThat(narrative.getDiv().getName()).isEqualTo("div");
            assertThat(narrative.getDiv().getAttribute("xmlns")).isEqualTo("http://www.w3.org/1999/xhtml");

            // round trip through a resource parser
            ca.uhn.fhir.context.FhirContext ctx = ca.uhn.fhir.context.FhirContext.forR4Cached();
            p.setText(narrative);
            String xml = ctx.newXmlParser().encodeResourceToString(p);
            CarePlan back = ctx.newXmlParser().parseResource(CarePlan.class, xml);
            assertThat(back.getText().getDivAsString()).contains("Anna Andersson");
            String json = ctx.newJsonParser().encodeResourceToString(p);
            assertThat(ctx.newJsonParser().parseResource(CarePlan.class, json).getText().getDivAsString())
                    .isEqualTo(back.getText().getDivAsString());
        }
    }

    @Test
    void isFastOnceTheTemplateIsCompiled() {
        PlanFixtures f = new PlanFixtures();
        CarePlan plan = f.sip();
        generator.generate(plan, f.resolver);
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            generator.generate(plan, f.resolver);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(ms).as("500 narratives in %d ms", ms).isLessThan(10_000);
    }

    // ---- helpers ----

    private static Consent objection() {
        Consent c = new Consent();
        c.setStatus(Consent.ConsentState.ACTIVE);
        c.addCategory(new CodeableConcept(new Coding(PlanFixtures.CS + "consent-category", "relative-participation", null)));
        c.setPatient(new Reference("Patient/anna"));
        c.getProvision().setType(Consent.ConsentProvisionType.DENY);
        return c;
    }

    /** The text of the table row (tr) that contains the given text. */
    private static String rowOf(String html, String text) {
        int at = html.indexOf(text);
        assertThat(at).as("'%s' in %s", text, html).isGreaterThanOrEqualTo(0);
        int start = html.lastIndexOf("<tr", at);
        int end = html.indexOf("</tr>", at);
        assertThat(start).isGreaterThanOrEqualTo(0);
        return html.substring(start, end);
    }

    static void assertValidNarrative(Narrative narrative) {
        XhtmlNode div = narrative.getDiv();
        assertThat(div.getName()).isEqualTo("div");
        List<String> problems = new ArrayList<>();
        walk(div, problems);
        assertThat(problems).isEmpty();
        // and it parses again from its own string form
        XhtmlNode again = new XhtmlNode();
        try {
            again.setValueAsString(narrative.getDivAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void walk(XhtmlNode node, List<String> problems) {
        if (node.getNodeType() == NodeType.Element) {
            if (!ALLOWED_ELEMENTS.contains(node.getName())) {
                problems.add("element " + node.getName());
            }
            for (String attr : node.getAttributes().keySet()) {
                if (!ALLOWED_ATTRIBUTES.contains(attr)) {
                    problems.add("attribute " + attr + " on " + node.getName());
                }
            }
        }
        for (XhtmlNode child : node.getChildNodes()) {
            walk(child, problems);
        }
    }
}
