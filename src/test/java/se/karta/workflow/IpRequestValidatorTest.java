package se.karta.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;

/** Runs against the real files profiles/Questionnaire-ip-request.json and its example response. */
class IpRequestValidatorTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    private final IpRequestValidator validator = new IpRequestValidator();
    private final Questionnaire questionnaire = read("profiles/Questionnaire-ip-request.json", Questionnaire.class);

    @Test
    void questionnaireHasTheContractedIdentity() {
        assertThat(questionnaire.getUrl()).isEqualTo(IpRequestValidator.QUESTIONNAIRE_URL);
        assertThat(questionnaire.getIdElement().getIdPart()).isEqualTo("ip-request");
        assertThat(questionnaire.getVersion()).isEqualTo("0.1.0");
        assertThat(questionnaire.getStatus().toCode()).isEqualTo("active");
        assertThat(questionnaire.getTitle()).isEqualTo("Begäran om individuell plan");
    }

    @Test
    void exampleAnswersEveryRequiredItem() {
        QuestionnaireResponse example = example();
        assertThat(example.getQuestionnaire()).startsWith(IpRequestValidator.QUESTIONNAIRE_URL);
        assertThat(validator.validate(questionnaire, example)).isEmpty();
        assertThat(validator.isComplete(questionnaire, example)).isTrue();
    }

    @Test
    void emptyResponseNamesEveryRequiredAnswer() {
        List<MissingAnswer> missing = validator.validate(questionnaire, new QuestionnaireResponse());
        assertThat(missing).extracting(MissingAnswer::linkId)
                .containsExactly("requester.role", "requester.name", "person.name", "person.personnummer", "contact",
                        "principal.type", "principal.name", "support", "relatives-may-participate");
        assertThat(missing.get(0).messageSv()).contains("Obligatoriskt svar saknas", "Jag som fyller i begäran är", "requester.role");
        assertThat(missing.get(0).messageEn()).contains("Required answer missing", "requester.role");
        assertThat(missing.get(4).messageSv()).contains("telefon, e-post");
    }

    @Test
    void namesEachMissingNestedAnswer() {
        QuestionnaireResponse qr = example();
        remove(qr, "person.personnummer");
        remove(qr, "support");
        blank(qr, "relatives-may-participate");
        remove(qr, "principal.name");

        List<MissingAnswer> missing = validator.validate(questionnaire, qr);
        assertThat(missing).extracting(MissingAnswer::linkId)
                .containsExactly("person.personnummer", "principal.name", "support", "relatives-may-participate");
        assertThat(missing).allSatisfy(m -> {
            assertThat(m.messageSv()).startsWith("Obligatoriskt svar saknas").contains(m.linkId());
            assertThat(m.messageEn()).startsWith("Required answer missing").contains(m.linkId());
        });
        assertThat(missing.get(0).itemText()).isEqualTo("Personnummer (ÅÅÅÅMMDDNNNN)");
    }

    @Test
    void blankStringDoesNotCount() {
        QuestionnaireResponse qr = example();
        item(qr, "person.name").getAnswerFirstRep().setValue(new StringType("   "));
        assertThat(validator.validate(questionnaire, qr)).extracting(MissingAnswer::linkId).containsExactly("person.name");
    }

    @Test
    void contactNeedsPhoneOrEmail() {
        QuestionnaireResponse qr = example();
        remove(qr, "contact.phone");
        assertThat(validator.validate(questionnaire, qr)).isEmpty();
        remove(qr, "contact.email");
        assertThat(validator.validate(questionnaire, qr)).extracting(MissingAnswer::linkId).containsExactly("contact");
    }

    @Test
    void requesterNameOnlyNeededWhenSomeoneElseAsks() {
        QuestionnaireResponse qr = example();
        remove(qr, "requester.name");
        assertThat(validator.validate(questionnaire, qr)).extracting(MissingAnswer::linkId).containsExactly("requester.name");

        item(qr, "requester.role").getAnswerFirstRep()
                .setValue(new Coding("https://fhir.karta.se/CodeSystem/participant-role", "patient", null));
        assertThat(validator.validate(questionnaire, qr)).isEmpty();
    }

    @Test
    void organisationReferenceReplacesTypeAndName() {
        QuestionnaireResponse qr = example();
        remove(qr, "principal.type");
        remove(qr, "principal.name");
        assertThat(validator.validate(questionnaire, qr)).extracting(MissingAnswer::linkId)
                .containsExactly("principal.type", "principal.name");

        item(qr, "principal").addItem().setLinkId("principal.organization").addAnswer()
                .setValue(new Reference("Organization/kommun"));
        assertThat(validator.validate(questionnaire, qr)).isEmpty();
        assertThat(TaskFactory.requestedPrincipal(qr)).map(Reference::getReference).contains("Organization/kommun");
    }

    // ---- helpers ----

    private static QuestionnaireResponse example() {
        return read("profiles/examples/QuestionnaireResponse-ip-request-example.json", QuestionnaireResponse.class);
    }

    static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T read(String path, Class<T> type) {
        try {
            return CTX.newJsonParser().parseResource(type, Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    private static QuestionnaireResponseItemComponent item(QuestionnaireResponse qr, String linkId) {
        return find(qr.getItem(), linkId);
    }

    private static QuestionnaireResponseItemComponent find(List<QuestionnaireResponseItemComponent> items, String linkId) {
        for (QuestionnaireResponseItemComponent i : items) {
            if (i.getLinkId().equals(linkId)) {
                return i;
            }
            QuestionnaireResponseItemComponent nested = find(i.getItem(), linkId);
            if (nested != null) {
                return nested;
            }
        }
        return null;
    }

    private static void remove(QuestionnaireResponse qr, String linkId) {
        removeFrom(qr.getItem(), linkId);
    }

    private static void removeFrom(List<QuestionnaireResponseItemComponent> items, String linkId) {
        items.removeIf(i -> i.getLinkId().equals(linkId));
        items.forEach(i -> removeFrom(i.getItem(), linkId));
    }

    private static void blank(QuestionnaireResponse qr, String linkId) {
        item(qr, linkId).getAnswer().clear();
    }
}
