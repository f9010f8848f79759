package se.karta.workflow;

/**
 * A required item of a Questionnaire that a QuestionnaireResponse leaves unanswered.
 *
 * @param linkId    the item's linkId
 * @param itemText  the item's (Swedish) question text, or the linkId when it has none
 * @param messageSv message in Swedish, for the person filling in the form
 * @param messageEn the same in English, for diagnostics
 */
public record MissingAnswer(String linkId, String itemText, String messageSv, String messageEn) {
}
