package se.karta.workflow.request;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.Questionnaire.QuestionnaireItemComponent;

/**
 * The FHIRPath of a Questionnaire item inside a QuestionnaireResponse, for {@code OperationOutcome.issue.expression}:
 * {@code QuestionnaireResponse.item.where(linkId='person').item.where(linkId='person.name')}.
 */
final class ItemPaths {

	private ItemPaths() {}

	static String of(Questionnaire questionnaire, String linkId) {
		List<String> chain = new ArrayList<>();
		if (!find(questionnaire.getItem(), linkId, chain)) {
			chain = List.of(linkId);
		}
		StringBuilder path = new StringBuilder("QuestionnaireResponse");
		for (String id : chain) {
			path.append(".item.where(linkId='").append(id.replace("'", "\\'")).append("')");
		}
		return path.toString();
	}

	private static boolean find(List<QuestionnaireItemComponent> items, String linkId, List<String> chain) {
		for (QuestionnaireItemComponent item : items) {
			chain.add(item.getLinkId());
			if (linkId.equals(item.getLinkId()) || find(item.getItem(), linkId, chain)) {
				return true;
			}
			chain.remove(chain.size() - 1);
		}
		return false;
	}
}
