package se.karta.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which Patient-compartment links BALP's capture is told to ignore when it names an event's patient. */
class AuditCaptureTest {

	private final Set<String> ignored = AuditCapture.notPatientParams(FhirContext.forR4Cached());

	@Test
	void linksThatCanNameAnOrganisationOrAPractitionerAreIgnored() {
		// CarePlan.activity.detail.performer, CareTeam.participant.member, QuestionnaireResponse.author
		assertThat(ignored).contains("performer", "participant", "author");
	}

	@Test
	void theLinksThatNameThePersonAreKept() {
		assertThat(ignored).doesNotContain("patient");
		// the only way into the compartment for some types (AdverseEvent, SupplyRequest)
		assertThat(ignored).doesNotContain("subject");
	}
}
