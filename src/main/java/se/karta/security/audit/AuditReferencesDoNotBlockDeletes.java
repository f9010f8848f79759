package se.karta.security.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;

/**
 * An AuditEvent that names a resource must not keep that resource from being deleted: the
 * AuditEvent's reference is dropped from the delete conflicts (the AuditEvent itself is unchanged and
 * keeps saying what was accessed).
 */
public class AuditReferencesDoNotBlockDeletes {

	@Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
	public ca.uhn.fhir.jpa.delete.DeleteConflictOutcome ignoreAuditEvents(DeleteConflictList conflicts) {
		conflicts.removeIf(conflict -> "AuditEvent".equals(conflict.getSourceId().getResourceType()));
		return null;
	}
}
