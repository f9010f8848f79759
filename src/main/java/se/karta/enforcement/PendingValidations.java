package se.karta.enforcement;

import ca.uhn.fhir.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * The profile validations of one FHIR transaction's entries that are running on the validation pool,
 * in entry order, each with the label its findings carry. Kept in HAPI's {@code TransactionDetails}.
 */
final class PendingValidations {

	static final String KEY = PendingValidations.class.getName();

	private record Pending(String where, CompletableFuture<ValidationResult> result) {}

	private final List<Pending> pending = new ArrayList<>();

	void add(String where, CompletableFuture<ValidationResult> result) {
		pending.add(new Pending(where, result));
	}

	/** Waits for each validation in turn; a validation that failed with an exception rethrows it here. */
	void forEach(BiConsumer<String, ValidationResult> action) {
		for (Pending next : pending) {
			ValidationResult result;
			try {
				result = next.result().join();
			} catch (CompletionException e) {
				throw e.getCause() instanceof RuntimeException cause ? cause : e;
			}
			action.accept(next.where(), result);
		}
	}
}
