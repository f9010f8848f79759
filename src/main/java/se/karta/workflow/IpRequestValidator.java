package se.karta.workflow;

import se.karta.terms.KartaTerms;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemEnableWhenComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemAnswerComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * Checks a QuestionnaireResponse against the required items of its Questionnaire (in Karta: the
 * {@code ip-request} Questionnaire, "Begäran om individuell plan").
 *
 * <p>Rules (FHIR R4 Questionnaire semantics, simplified):
 * <ul>
 *   <li>a required question item needs at least one non-empty answer;</li>
 *   <li>a required group needs at least one answered item inside it (so "telefon eller e-post"
 *       can be a required group of two optional items); when it has none, the missing required
 *       items inside it are named, or the group itself when all its items are optional;</li>
 *   <li>items inside an optional group are only checked when the group is present in the response;</li>
 *   <li>an item whose {@code enableWhen} is not met is not required. Supported operators:
 *       {@code exists}, {@code =}, {@code !=} (also {@code <, >, <=, >=} for numbers, dates and strings);
 *       questions are looked up by linkId anywhere in the response.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public class IpRequestValidator {

    /** Canonical of the ip-request Questionnaire. */
    public static final String QUESTIONNAIRE_URL = KartaTerms.QUESTIONNAIRE_IP_REQUEST;

    /**
     * @return the missing required answers, in Questionnaire order; empty when the response is complete
     */
    public List<MissingAnswer> validate(Questionnaire questionnaire, QuestionnaireResponse response) {
        Objects.requireNonNull(questionnaire, "questionnaire");
        Objects.requireNonNull(response, "response");
        List<MissingAnswer> missing = new ArrayList<>();
        check(questionnaire.getItem(), response.getItem(), response, missing);
        return missing;
    }

    /** @return true when nothing required is missing */
    public boolean isComplete(Questionnaire questionnaire, QuestionnaireResponse response) {
        return validate(questionnaire, response).isEmpty();
    }

    private void check(List<QuestionnaireItemComponent> qItems, List<QuestionnaireResponseItemComponent> rItems,
                       QuestionnaireResponse response, List<MissingAnswer> missing) {
        for (QuestionnaireItemComponent qItem : qItems) {
            if (qItem.getType() == Questionnaire.QuestionnaireItemType.DISPLAY) {
                continue;
            }
            if (!enabled(qItem, response)) {
                continue;
            }
            List<QuestionnaireResponseItemComponent> matches = rItems.stream()
                    .filter(r -> qItem.getLinkId().equals(r.getLinkId())).toList();
            if (qItem.getType() == Questionnaire.QuestionnaireItemType.GROUP) {
                boolean answered = matches.stream().anyMatch(IpRequestValidator::hasAnyAnswer);
                if (qItem.getRequired() && !answered) {
                    // name the required answers inside the group; the group itself when it has none
                    List<MissingAnswer> inside = new ArrayList<>();
                    check(qItem.getItem(), List.of(), response, inside);
                    if (inside.isEmpty()) {
                        missing.add(missing(qItem));
                    } else {
                        missing.addAll(inside);
                    }
                    continue;
                }
                for (QuestionnaireResponseItemComponent match : matches) {
                    check(qItem.getItem(), match.getItem(), response, missing);
                }
            } else {
                boolean answered = matches.stream().anyMatch(r -> r.getAnswer().stream().anyMatch(IpRequestValidator::hasValue));
                if (qItem.getRequired() && !answered) {
                    missing.add(missing(qItem));
                    continue;
                }
                // questions may carry nested items (under their answers or directly)
                if (qItem.hasItem()) {
                    for (QuestionnaireResponseItemComponent match : matches) {
                        List<QuestionnaireResponseItemComponent> nested = new ArrayList<>(match.getItem());
                        match.getAnswer().forEach(a -> nested.addAll(a.getItem()));
                        check(qItem.getItem(), nested, response, missing);
                    }
                }
            }
        }
    }

    private static MissingAnswer missing(QuestionnaireItemComponent qItem) {
        String text = qItem.hasText() ? qItem.getText() : qItem.getLinkId();
        return new MissingAnswer(qItem.getLinkId(), text,
                "Obligatoriskt svar saknas: \"" + text + "\" (" + qItem.getLinkId() + ").",
                "Required answer missing: '" + qItem.getLinkId() + "'.");
    }

    // ---- answers ----

    private static boolean hasAnyAnswer(QuestionnaireResponseItemComponent item) {
        if (item.getAnswer().stream().anyMatch(IpRequestValidator::hasValue)) {
            return true;
        }
        if (item.getItem().stream().anyMatch(IpRequestValidator::hasAnyAnswer)) {
            return true;
        }
        return item.getAnswer().stream().flatMap(a -> a.getItem().stream()).anyMatch(IpRequestValidator::hasAnyAnswer);
    }

    static boolean hasValue(QuestionnaireResponseItemAnswerComponent answer) {
        Type value = answer.getValue();
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (value instanceof PrimitiveType<?> p) {
            String s = p.getValueAsString();
            return s != null && !s.isBlank();
        }
        if (value instanceof Coding c) {
            return c.hasCode() || c.hasDisplay();
        }
        if (value instanceof Reference r) {
            return r.hasReference() || r.hasIdentifier() || r.hasDisplay();
        }
        if (value instanceof Quantity q) {
            return q.hasValue();
        }
        if (value instanceof Attachment a) {
            return a.hasData() || a.hasUrl();
        }
        return true;
    }

    // ---- enableWhen ----

    private boolean enabled(QuestionnaireItemComponent qItem, QuestionnaireResponse response) {
        if (!qItem.hasEnableWhen()) {
            return true;
        }
        boolean any = qItem.getEnableBehavior() == Questionnaire.EnableWhenBehavior.ANY;
        for (QuestionnaireItemEnableWhenComponent condition : qItem.getEnableWhen()) {
            boolean met = met(condition, answersTo(condition.getQuestion(), response.getItem()));
            if (any && met) {
                return true;
            }
            if (!any && !met) {
                return false;
            }
        }
        return !any;
    }

    private static List<QuestionnaireResponseItemAnswerComponent> answersTo(String linkId,
                                                                            List<QuestionnaireResponseItemComponent> items) {
        List<QuestionnaireResponseItemAnswerComponent> out = new ArrayList<>();
        for (QuestionnaireResponseItemComponent item : items) {
            if (linkId.equals(item.getLinkId())) {
                item.getAnswer().stream().filter(IpRequestValidator::hasValue).forEach(out::add);
            }
            out.addAll(answersTo(linkId, item.getItem()));
            for (QuestionnaireResponseItemAnswerComponent answer : item.getAnswer()) {
                out.addAll(answersTo(linkId, answer.getItem()));
            }
        }
        return out;
    }

    private static boolean met(QuestionnaireItemEnableWhenComponent condition,
                               List<QuestionnaireResponseItemAnswerComponent> answers) {
        Questionnaire.QuestionnaireItemOperator op = condition.getOperator();
        if (op == Questionnaire.QuestionnaireItemOperator.EXISTS) {
            boolean wanted = !condition.hasAnswerBooleanType() || condition.getAnswerBooleanType().booleanValue();
            return answers.isEmpty() != wanted;
        }
        Type expected = condition.getAnswer();
        if (op == Questionnaire.QuestionnaireItemOperator.NOT_EQUAL) {
            // R4: true when no answer equals the value (also when unanswered)
            return answers.stream().noneMatch(a -> equal(a.getValue(), expected));
        }
        if (op == Questionnaire.QuestionnaireItemOperator.EQUAL) {
            return answers.stream().anyMatch(a -> equal(a.getValue(), expected));
        }
        return answers.stream().anyMatch(a -> {
            Integer cmp = compare(a.getValue(), expected);
            if (cmp == null) {
                return false;
            }
            return switch (op) {
                case GREATER_THAN -> cmp > 0;
                case LESS_THAN -> cmp < 0;
                case GREATER_OR_EQUAL -> cmp >= 0;
                case LESS_OR_EQUAL -> cmp <= 0;
                default -> false;
            };
        });
    }

    private static boolean equal(Type actual, Type expected) {
        if (actual == null || expected == null) {
            return false;
        }
        if (actual instanceof Coding a && expected instanceof Coding e) {
            boolean sameSystem = !a.hasSystem() || !e.hasSystem() || a.getSystem().equals(e.getSystem());
            return sameSystem && Objects.equals(a.getCode(), e.getCode());
        }
        if (actual instanceof Reference a && expected instanceof Reference e) {
            return Objects.equals(a.getReference(), e.getReference());
        }
        if (actual instanceof PrimitiveType<?> a && expected instanceof PrimitiveType<?> e) {
            Integer cmp = compare(actual, expected);
            return cmp != null ? cmp == 0 : Objects.equals(a.getValueAsString(), e.getValueAsString());
        }
        return actual.equalsDeep(expected);
    }

    private static Integer compare(Type actual, Type expected) {
        if (actual instanceof PrimitiveType<?> a && expected instanceof PrimitiveType<?> e) {
            Object av = a.getValue();
            Object ev = e.getValue();
            if (av instanceof Number an && ev instanceof Number en) {
                return Double.compare(an.doubleValue(), en.doubleValue());
            }
            if (av instanceof java.util.Date ad && ev instanceof java.util.Date ed) {
                return ad.compareTo(ed);
            }
            if (av instanceof String as && ev instanceof String es) {
                return as.compareTo(es);
            }
            if (av instanceof Boolean ab && ev instanceof Boolean eb) {
                return ab.compareTo(eb);
            }
        }
        return null;
    }
}
