package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

class TaskFactoryTest {

    private static final Instant NOW = Instant.parse("2025-09-01T08:00:00Z");
    private final TaskFactory factory = new TaskFactory(Clock.fixed(NOW, ZoneOffset.UTC));

    private static final Reference REGION = new Reference("Organization/region");
    private static final Reference KOMMUN = new Reference("Organization/kommun");

    private static CarePlan plan() {
        CarePlan plan = new CarePlan();
        plan.setId("CarePlan/lss1/_history/3");
        plan.setSubject(new Reference("Patient/anna"));
        plan.addExtension(TaskFactory.EXT_OVERALL_RESPONSIBILITY, new Reference("Organization/kommun"));
        Extension review = plan.addExtension().setUrl(TaskFactory.EXT_REVIEW);
        review.addExtension("lastReviewed", new DateType("2025-03-01"));
        review.addExtension("nextReview", new DateType("2026-02-15"));
        return plan;
    }

    private static void assertCommon(Task task, String code) {
        assertThat(task.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(TaskFactory.PROFILE);
        assertThat(task.getCode().getCodingFirstRep().getSystem()).isEqualTo("https://fhir.karta.se/CodeSystem/task-type");
        assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo(code);
        assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
        assertThat(task.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
        assertThat(task.getAuthoredOn().toInstant()).isEqualTo(NOW);
        assertThat(task.getDescription()).isNotBlank();
    }

    @Test
    void ipNotification() {
        Task task = factory.ipNotification(plan(), REGION, KOMMUN);
        assertCommon(task, "ip-notification");
        assertThat(task.getFocus().getReference()).isEqualTo("CarePlan/lss1");
        assertThat(task.getFor().getReference()).isEqualTo("Patient/anna");
        assertThat(task.getRequester().getReference()).isEqualTo("Organization/region");
        assertThat(task.getOwner().getReference()).isEqualTo("Organization/kommun");
        assertThat(task.getDescription()).contains("10 §");
    }

    @Test
    void reviewDue() {
        CarePlan plan = plan();
        LocalDate due = TaskFactory.nextReview(plan).orElseThrow();
        assertThat(due).isEqualTo(LocalDate.of(2026, 2, 15));

        Task task = factory.reviewDue(plan, TaskFactory.overallResponsibility(plan).orElseThrow(), due);
        assertCommon(task, "review-due");
        assertThat(task.getFocus().getReference()).isEqualTo("CarePlan/lss1");
        assertThat(task.getOwner().getReference()).isEqualTo("Organization/kommun");
        assertThat(task.getRequester().getReference()).isEqualTo("Organization/kommun");
        assertThat(task.getRestriction().getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-02-15");
        assertThat(task.getDescription()).contains("2026-02-15");
    }

    @Test
    void consentWithdrawn() {
        Consent consent = new Consent();
        consent.setId("c1");
        CarePlan plan = plan();
        plan.setAuthor(REGION);
        Task task = factory.consentWithdrawn(plan, consent, KOMMUN);
        assertCommon(task, "consent-withdrawn");
        assertThat(task.getFocus().getReference()).isEqualTo("CarePlan/lss1");
        assertThat(task.getOwner().getReference()).isEqualTo("Organization/kommun");
        assertThat(task.getRequester().getReference()).isEqualTo("Organization/region");
        assertThat(task.getReasonReference().getReference()).isEqualTo("Consent/c1");
    }

    @Test
    void ipRequest() {
        QuestionnaireResponse qr = IpRequestValidatorTest.read(
                "profiles/examples/QuestionnaireResponse-ip-request-example.json", QuestionnaireResponse.class);
        Task task = factory.ipRequest(qr, KOMMUN);
        assertCommon(task, "ip-request");
        assertThat(task.getFocus().getReference()).isEqualTo("QuestionnaireResponse/ip-request-example");
        assertThat(task.getFor().getReference()).isEqualTo("Patient/example-anna");
        assertThat(task.getRequester().getReference()).isEqualTo("RelatedPerson/example-bertil");
        assertThat(task.getOwner().getReference()).isEqualTo("Organization/kommun");
    }

    @Test
    void transactionIdsAndMissingIds() {
        CarePlan plan = plan();
        plan.setId("urn:uuid:5b0f1f2e-8a55-4c0c-9d0e-6b0f1f2e8a55");
        assertThat(factory.ipNotification(plan, REGION, KOMMUN).getFocus().getReference())
                .isEqualTo("urn:uuid:5b0f1f2e-8a55-4c0c-9d0e-6b0f1f2e8a55");

        plan.setIdElement(null);
        assertThatThrownBy(() -> factory.ipNotification(plan, REGION, KOMMUN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tasksParseAsFhir() {
        ca.uhn.fhir.context.FhirContext ctx = ca.uhn.fhir.context.FhirContext.forR4Cached();
        Task task = factory.reviewDue(plan(), KOMMUN, LocalDate.of(2026, 2, 15));
        String json = ctx.newJsonParser().encodeResourceToString(task);
        Task back = ctx.newJsonParser().parseResource(Task.class, json);
        assertThat(back.getCode().getCodingFirstRep().getCode()).isEqualTo("review-due");
        assertThat(back.getRestriction().getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-02-15");
    }
}
