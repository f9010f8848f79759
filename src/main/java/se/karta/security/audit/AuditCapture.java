package se.karta.security.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * HAPI's BALP capture (an AuditEvent for every read, search, create, update and delete), with two
 * corrections:
 *
 * <ul>
 *   <li>it runs after the authorization rules, so that a read they refuse is audited as refused only,
 *       not also as done;</li>
 *   <li>the {@code patient} of an event is the person whose data it is. BALP takes every reference of a
 *       resource's Patient-compartment search parameters as a patient, so a CarePlan read would be
 *       logged as the data of each organisation performing an insats, one AuditEvent per "patient".
 *       Left out: the parameters that can point at something other than a Patient (performer,
 *       participant, author ...), except where a resource type has no other way into the
 *       compartment.</li>
 * </ul>
 */
@Interceptor(order = AuthorizationConstants.ORDER_AUTH_INTERCEPTOR + 100)
public class AuditCapture extends BalpAuditCaptureInterceptor {

	public AuditCapture(AuditRecorder recorder, FhirContext fhirContext) {
		super(recorder, recorder);
		setOmittedSPNamesInPatientCompartment(notPatientParams(fhirContext));
	}

	/** The Patient-compartment search parameter names BALP is to ignore. */
	static Set<String> notPatientParams(FhirContext fhirContext) {
		Set<String> notPatient = new TreeSet<>();
		Set<String> onlyWay = new TreeSet<>();
		for (String type : fhirContext.getResourceTypes()) {
			RuntimeResourceDefinition definition = fhirContext.getResourceDefinition(type);
			List<RuntimeSearchParam> params = definition.getSearchParamsForCompartmentName("Patient");
			boolean patientOnlyParam = params.stream().anyMatch(AuditCapture::onlyPatients);
			for (RuntimeSearchParam param : params) {
				if (!onlyPatients(param)) {
					(patientOnlyParam ? notPatient : onlyWay).add(param.getName());
				}
			}
		}
		notPatient.removeAll(onlyWay);
		return notPatient;
	}

	private static boolean onlyPatients(RuntimeSearchParam param) {
		return param.getPath().contains("resolve() is Patient") || Set.of("Patient").equals(param.getTargets());
	}
}
