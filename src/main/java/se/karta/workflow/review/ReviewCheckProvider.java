package se.karta.workflow.review;

import ca.uhn.fhir.rest.annotation.Operation;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code POST /fhir/$run-review-check}: runs the review check now (as the scheduled job does) and answers
 * with a Parameters whose {@code created} is the number of {@code review-due} Tasks created.
 */
public class ReviewCheckProvider {

	public static final String OPERATION = "$run-review-check";

	private final ReviewCheck check;

	public ReviewCheckProvider(ReviewCheck check) {
		this.check = check;
	}

	@Operation(name = OPERATION, idempotent = false)
	public Parameters runReviewCheck() {
		Parameters result = new Parameters();
		result.addParameter().setName("created").setValue(new IntegerType(check.run()));
		return result;
	}
}
