package se.karta.security.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * Makes the CapabilityStatement tell the truth about {@code AuditEvent}: HAPI's JPA statement gives
 * every resource type the search parameters of its registry, conditional delete and versioned update,
 * but the audit trail is read-only and searched by the parameters of {@link AuditEventProvider}.
 */
@Interceptor
public class AuditEventCapability {

	private static final Map<String, SearchParamType> PARAMS = Map.of(
			AuditSearchTerms.ENTITY, SearchParamType.REFERENCE,
			AuditSearchTerms.AGENT, SearchParamType.REFERENCE,
			AuditSearchTerms.PATIENT, SearchParamType.REFERENCE,
			AuditSearchTerms.OUTCOME, SearchParamType.TOKEN,
			AuditSearchTerms.ACTION, SearchParamType.TOKEN,
			AuditSearchTerms.TYPE, SearchParamType.TOKEN,
			AuditSearchTerms.SUBTYPE, SearchParamType.TOKEN);

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	public void generated(IBaseConformance statement) {
		if (!(statement instanceof CapabilityStatement capabilities)) {
			return;
		}
		capabilities.getRest().stream()
				.flatMap(rest -> rest.getResource().stream())
				.filter(resource -> "AuditEvent".equals(resource.getType()))
				.forEach(AuditEventCapability::describe);
	}

	private static void describe(CapabilityStatementRestResourceComponent resource) {
		resource.setVersioning(CapabilityStatement.ResourceVersionPolicy.VERSIONED);
		resource.setConditionalDeleteElement(null);
		resource.setConditionalCreateElement(null);
		resource.setConditionalUpdateElement(null);
		resource.setConditionalReadElement(null);
		resource.getSearchInclude().clear();
		resource.getSearchRevInclude().clear();
		resource.setDocumentation("The audit trail (Patientdatalagen 4 kap. 3 §): written by the server only, read with the "
				+ "audit scope. Newest first; _sort=date for oldest first; paging with _count and _offset. "
				+ "Granskningsloggen: skrivs bara av servern.");
		resource.getSearchParam().clear();
		resource.addSearchParam().setName("_id").setType(SearchParamType.TOKEN).setDocumentation("The AuditEvent's id");
		resource.addSearchParam().setName("date").setType(SearchParamType.DATE)
				.setDocumentation("When the event was recorded (ge, gt, le, lt, eq)");
		PARAMS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(param -> resource.addSearchParam()
				.setName(param.getKey()).setType(param.getValue())
				.setDocumentation(AuditSearchTerms.DOCUMENTATION.get(param.getKey())));
	}
}
