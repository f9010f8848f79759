package se.karta.enforcement;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * What one FHIR transaction has stored so far (the objects HAPI stores, which carry their ids and
 * rewritten references by the time the pre-commit hooks run) and what its rule checks have read from
 * the database. Kept in HAPI's {@code TransactionDetails}, so the checks of all entries share one
 * consent search per person and one read per referenced resource.
 */
final class TransactionWrites {

	static final String KEY = TransactionWrites.class.getName();

	private final List<Resource> written = new ArrayList<>();
	private final List<Resource> created = new ArrayList<>();
	private StoredRuleContext.StoredReads reads = new StoredRuleContext.StoredReads();
	private long readsAsOf = -1;

	void add(Resource resource, boolean create) {
		written.add(resource);
		if (create) {
			created.add(resource);
		}
	}

	List<Resource> written() {
		return written;
	}

	/** The resources this transaction creates: nothing stored before it can refer to them. */
	List<Resource> created() {
		return created;
	}

	/**
	 * The shared reads, forgotten when anything was written on this thread since they were made
	 * ({@code writeCount} counts the thread's writes): e.g. a workflow hook that updates a stored care
	 * team while the transaction's entries are checked.
	 */
	StoredRuleContext.StoredReads reads(long writeCount) {
		if (writeCount != readsAsOf) {
			reads = new StoredRuleContext.StoredReads();
			readsAsOf = writeCount;
		}
		return reads;
	}
}
