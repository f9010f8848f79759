package se.karta.profiles;

/** Canonical URLs of the Karta conformance resources (contract section 1). */
public final class KartaProfiles {

	public static final String CANONICAL_BASE = "https://fhir.karta.se";
	public static final String STRUCTURE_DEFINITION_BASE = CANONICAL_BASE + "/StructureDefinition/";
	public static final String CODE_SYSTEM_BASE = CANONICAL_BASE + "/CodeSystem/";
	public static final String VALUE_SET_BASE = CANONICAL_BASE + "/ValueSet/";

	public static final String PATIENT = STRUCTURE_DEFINITION_BASE + "karta-patient";
	public static final String ORGANIZATION = STRUCTURE_DEFINITION_BASE + "karta-organization";
	public static final String INDIVIDUAL_PLAN = STRUCTURE_DEFINITION_BASE + "karta-individual-plan";
	public static final String SIP = STRUCTURE_DEFINITION_BASE + "karta-sip";
	public static final String LSS_IP = STRUCTURE_DEFINITION_BASE + "karta-lss-ip";
	public static final String CARE_TEAM = STRUCTURE_DEFINITION_BASE + "karta-careteam";
	public static final String CONSENT = STRUCTURE_DEFINITION_BASE + "karta-consent";
	public static final String TASK = STRUCTURE_DEFINITION_BASE + "karta-task";

	public static final String PLAN_TYPE_SYSTEM = CODE_SYSTEM_BASE + "plan-type";
	public static final String PLAN_TYPE_SIP = "sip";
	public static final String PLAN_TYPE_LSS_IP = "lss-ip";

	private KartaProfiles() {}
}
