package se.karta.enforcement;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;
import se.karta.profiles.ProfileValidator;
import se.karta.rules.RuleOutcomes;
import se.karta.rules.RuleRegistry;
import se.karta.rules.RuleViolation;

/**
 * Holds every write to Karta's profiles and legal rules, at the repository level so that
 * transactions, batches, patches and conditional writes are covered like plain creates.
 *
 * <ol>
 *   <li>Before storage, each resource is validated against its Karta profile (a transaction's entries
 *       on a pool of threads, while the transaction goes on); errors are collected, not thrown, so the
 *       rules still run.</li>
 *   <li>The legal rules run with a view of the request's resources and the stored ones: for a single
 *       write right after the profile, for a transaction just before commit, once every entry is
 *       stored and every {@code urn:uuid:} reference rewritten. A changed CareTeam is also checked
 *       from the other side: the stored plans that use it must not newly break a rule.</li>
 *   <li>If anything was found, one 422 OperationOutcome names every failing element and rule and
 *       the database transaction is rolled back: nothing of the request is stored.</li>
 * </ol>
 */
@Interceptor
public class WriteEnforcementInterceptor {

	private static final Set<String> PROFILED_TYPES =
			Set.of("Patient", "Organization", "CarePlan", "CareTeam", "Consent", "Task");

	private static final String BUNDLE_KEY = WriteEnforcementInterceptor.class.getName() + ".bundle";

	private final ProfileValidator profileValidator;
	private final RuleRegistry rules;
	private final DaoRegistry daoRegistry;
	/** Where transaction entries are validated; {@code null}: on the request thread. */
	private final ExecutorService validationPool;
	/** Writes started on each thread, nested server writes included; see {@link TransactionWrites#reads}. */
	private final ThreadLocal<long[]> writesOnThread = ThreadLocal.withInitial(() -> new long[1]);

	/**
	 * @param validationThreads how many threads validate transaction entries (0: each entry on the
	 *     request thread, as it is stored)
	 */
	public WriteEnforcementInterceptor(
			ProfileValidator profileValidator, RuleRegistry rules, DaoRegistry daoRegistry, int validationThreads) {
		this.profileValidator = profileValidator;
		this.rules = rules;
		this.daoRegistry = daoRegistry;
		AtomicInteger threads = new AtomicInteger();
		this.validationPool = validationThreads <= 0 ? null : Executors.newFixedThreadPool(validationThreads, task -> {
			Thread thread = new Thread(task, "karta-validation-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Stops the validation threads (at shutdown). */
	public void close() {
		if (validationPool != null) {
			validationPool.shutdown();
		}
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
	public void beforeCreate(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		beforeStorage(null, resource, request, transaction);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
	public void beforeUpdate(
			IBaseResource previous, IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		beforeStorage(previous, resource, request, transaction);
	}

	@Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
	public void beforeDelete() {
		writesOnThread.get()[0]++;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		if (transaction.isFhirTransaction()) {
			checkRules(null, resource, request, transaction);
		}
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(
			IBaseResource previous, IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		if (transaction.isFhirTransaction()) {
			checkRules(previous, resource, request, transaction);
		}
	}

	/**
	 * A single write is judged here in full, before anything is stored; a transaction entry only gets its
	 * profile checked now, because its references may still be {@code urn:uuid:} placeholders.
	 */
	private void beforeStorage(
			IBaseResource previous, IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		writesOnThread.get()[0]++;
		validateProfile(resource, request, transaction);
		if (transaction.isFhirTransaction() && resource instanceof Resource stored) {
			transaction.getOrCreateUserData(TransactionWrites.KEY, TransactionWrites::new).add(stored, previous == null);
		}
		if (!transaction.isFhirTransaction()) {
			checkRules(previous, resource, request, transaction);
			throwIfFindings(transaction);
		}
	}

	/**
	 * The Bundle of a transaction or batch, kept in the request's user data: the entries are written
	 * through sub-requests that share the user data but not the Bundle, and a finding names its entry.
	 */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void transactionStarts(IBaseBundle bundle, RequestDetails request) {
		if (request != null && bundle instanceof Bundle transaction) {
			request.getUserData().put(BUNDLE_KEY, transaction);
		}
	}

	/** The end of a transaction or batch entry: everything is stored but not committed. */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSED)
	public void transactionProcessed(TransactionDetails transaction) {
		collectValidations(transaction);
		throwIfFindings(transaction);
	}

	/**
	 * A single write is validated at once. A transaction entry is taken as it is now and validated on
	 * {@link #validationPool} while HAPI stores the next entries and the rules run; the results are
	 * collected before the transaction's findings are judged ({@link #transactionProcessed}).
	 */
	private void validateProfile(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		if (!PROFILED_TYPES.contains(resource.fhirType())) {
			return;
		}
		String where = entryLabel(resource, request);
		Supplier<ValidationResult> validation = profileValidator.prepare(resource);
		if (transaction.isFhirTransaction() && validationPool != null) {
			transaction.getOrCreateUserData(PendingValidations.KEY, PendingValidations::new)
					.add(where, CompletableFuture.supplyAsync(validation, validationPool));
		} else {
			addProfileIssues(validation.get(), where, transaction);
		}
	}

	private static void addProfileIssues(ValidationResult result, String where, TransactionDetails transaction) {
		for (SingleValidationMessage message : result.getMessages()) {
			if (message.getSeverity() == ResultSeverityEnum.ERROR || message.getSeverity() == ResultSeverityEnum.FATAL) {
				findings(transaction).addProfileIssue(profileIssue(message, where));
			}
		}
	}

	/** Waits for the transaction's entries still being validated and adds what they found, in entry order. */
	private static void collectValidations(TransactionDetails transaction) {
		PendingValidations pending = transaction.getUserData(PendingValidations.KEY);
		if (pending == null) {
			return;
		}
		transaction.clearUserData(PendingValidations.KEY);
		pending.forEach((where, result) -> addProfileIssues(result, where, transaction));
	}

	private void checkRules(
			IBaseResource previous, IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
		if (!(resource instanceof Resource written)) {
			return;
		}
		String where = entryLabel(resource, request);
		TransactionWrites writes = transaction.isFhirTransaction() ? transaction.getUserData(TransactionWrites.KEY) : null;
		StoredRuleContext context;
		if (writes != null) {
			// every entry is stored by now: resolve references into the transaction from memory, and share
			// what is read from the database with the checks of the other entries
			context = new StoredRuleContext(daoRegistry, writes.reads(writesOnThread.get()[0]))
					.with(written).withAll(writes.written()).withNew(writes.created());
		} else {
			context = new StoredRuleContext(daoRegistry).with(written);
		}
		for (RuleViolation violation : rules.check(written, context)) {
			OperationOutcomeIssueComponent issue = RuleOutcomes.toIssue(violation);
			if (where != null) {
				issue.setDiagnostics(where + ": " + issue.getDiagnostics());
			}
			findings(transaction).addRuleIssue(issue);
		}
		if (written instanceof CareTeam team && previous instanceof CareTeam before) {
			checkPlansUsing(before, team, transaction);
		}
	}

	/** A care team change must not make a stored plan break a rule it did not break before. */
	private void checkPlansUsing(CareTeam before, CareTeam after, TransactionDetails transaction) {
		SearchParameterMap map = SearchParameterMap.newSynchronous();
		map.add(CarePlan.SP_CARE_TEAM, new ReferenceParam(after.getIdElement().toUnqualifiedVersionless().getValue()));
		List<IBaseResource> plans = daoRegistry.getResourceDao(CarePlan.class)
				.search(map, new SystemRequestDetails())
				.getAllResources();
		for (IBaseResource found : plans) {
			CarePlan plan = (CarePlan) found;
			Set<String> already = new HashSet<>();
			rules.check(plan, new StoredRuleContext(daoRegistry).with(before))
					.forEach(v -> already.add(v.ruleId() + " " + v.expression()));
			for (RuleViolation violation : rules.check(plan, new StoredRuleContext(daoRegistry).with(after))) {
				if (!already.contains(violation.ruleId() + " " + violation.expression())) {
					OperationOutcomeIssueComponent issue = RuleOutcomes.toIssue(violation);
					String planId = plan.getIdElement().toUnqualifiedVersionless().getValue();
					issue.setDiagnostics("The change would make " + planId + " break a rule: " + issue.getDiagnostics());
					issue.getDetails().setText(issue.getDetails().getText() + " (gäller " + planId + ")");
					findings(transaction).addRuleIssue(issue);
				}
			}
		}
	}

	private static void throwIfFindings(TransactionDetails transaction) {
		WriteFindings findings = transaction.getUserData(WriteFindings.KEY);
		if (findings != null && !findings.isEmpty()) {
			transaction.clearUserData(WriteFindings.KEY);
			UnprocessableEntityException rejected = new UnprocessableEntityException(
					"Karta rejected the write: profile or legal rule not met (see OperationOutcome)");
			rejected.setOperationOutcome(findings.toOutcome());
			throw rejected;
		}
	}

	private static WriteFindings findings(TransactionDetails transaction) {
		return transaction.getOrCreateUserData(WriteFindings.KEY, WriteFindings::new);
	}

	private static OperationOutcomeIssueComponent profileIssue(SingleValidationMessage message, String where) {
		OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent();
		issue.setSeverity(IssueSeverity.ERROR);
		issue.setCode(IssueType.PROCESSING);
		String location = message.getLocationString();
		issue.getDetails().setText("Resursen följer inte sin Karta-profil"
				+ (location != null ? " vid " + location : "") + ".");
		issue.setDiagnostics((where != null ? where + ": " : "") + message.getMessage());
		if (location != null) {
			issue.addExpression(location);
			issue.addLocation(location);
		}
		return issue;
	}

	/** "Bundle.entry[i] (Type)" when the resource is an entry of the request's transaction. */
	private static String entryLabel(IBaseResource resource, RequestDetails request) {
		if (request != null && request.getUserData().get(BUNDLE_KEY) instanceof Bundle bundle) {
			List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
			for (int i = 0; i < entries.size(); i++) {
				if (entries.get(i).getResource() == resource) {
					return "Bundle.entry[" + i + "] (" + resource.fhirType() + ")";
				}
			}
		}
		return null;
	}
}
