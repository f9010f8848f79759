package se.karta.profiles;

import ca.uhn.fhir.fhirpath.IFhirPath;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The custom SearchParameters' FHIRPath expressions find the values in the example plans. */
class SearchParameterExpressionTest {

	private final KartaPackage kartaPackage = KartaPackage.load(Examples.FHIR);
	private final IFhirPath fhirPath = Examples.FHIR.newFhirPath();
	private final IBaseResource sip = Examples.parse(Examples.VALID.resolve("CarePlan-example-sip.json"));
	private final IBaseResource lssIp = Examples.parse(Examples.VALID.resolve("CarePlan-example-lss-ip.json"));

	@Test
	void overallResponsibilityIsAReference() {
		assertThat(evaluate("overall-responsibility", sip)).singleElement().isInstanceOfSatisfying(Reference.class,
				r -> assertThat(r.getReference()).isEqualTo("Organization/example-kommun"));
	}

	@Test
	void reviewDueIsTheNextReviewDate() {
		assertThat(evaluate("review-due", lssIp)).singleElement().isInstanceOfSatisfying(DateType.class,
				d -> assertThat(d.getValueAsString()).isEqualTo("2027-02-15"));
		assertThat(evaluate("review-due", sip)).isEmpty();
	}

	@Test
	void legalBasisIsACodingPerBasis() {
		assertThat(evaluate("legal-basis", sip)).hasSize(2).allSatisfy(c -> assertThat(c).isInstanceOf(Coding.class));
	}

	@Test
	void activityPerformerIsEveryPerformer() {
		assertThat(evaluate("activity-performer", sip)).hasSize(4).allSatisfy(r -> assertThat(r).isInstanceOf(Reference.class));
	}

	private List<IBase> evaluate(String code, IBaseResource plan) {
		SearchParameter parameter = kartaPackage.getSearchParameters().stream()
				.filter(sp -> code.equals(sp.getCode())).findFirst().orElseThrow();
		return fhirPath.evaluate(plan, parameter.getExpression(), IBase.class);
	}
}
