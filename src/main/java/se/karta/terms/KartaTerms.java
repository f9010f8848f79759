package se.karta.terms;

/** Canonical URLs, identifier systems and codes of CONTRACT sections 1 and 3: the one place they are declared. */
public final class KartaTerms {

    private KartaTerms() {
    }

    public static final String BASE = "https://fhir.karta.se";
    public static final String SD = BASE + "/StructureDefinition/";
    public static final String CS = BASE + "/CodeSystem/";
    public static final String VS = BASE + "/ValueSet/";
    /** Identifier systems of what the server makes itself, e.g. {@code .../identifier/review-due}. */
    public static final String IDENTIFIER = BASE + "/identifier/";

    // profiles
    public static final String PROFILE_PATIENT = SD + "karta-patient";
    public static final String PROFILE_ORGANIZATION = SD + "karta-organization";
    public static final String PROFILE_INDIVIDUAL_PLAN = SD + "karta-individual-plan";
    public static final String PROFILE_SIP = SD + "karta-sip";
    public static final String PROFILE_LSS_IP = SD + "karta-lss-ip";
    public static final String PROFILE_CARE_TEAM = SD + "karta-careteam";
    public static final String PROFILE_CONSENT = SD + "karta-consent";
    public static final String PROFILE_TASK = SD + "karta-task";
    public static final String QUESTIONNAIRE_IP_REQUEST = BASE + "/Questionnaire/ip-request";

    // extensions
    public static final String EXT_LEGAL_BASIS = SD + "legal-basis";
    public static final String EXT_OVERALL_RESPONSIBILITY = SD + "overall-responsibility";
    public static final String EXT_PATIENT_PARTICIPATION = SD + "patient-participation";
    public static final String EXT_REVIEW = SD + "review";
    public static final String EXT_REVIEW_LAST = "lastReviewed";
    public static final String EXT_REVIEW_NEXT = "nextReview";
    public static final String EXT_LSS_PERSONKRETS = SD + "lss-personkrets";
    public static final String EXT_INITIATED_BY = SD + "initiated-by";
    public static final String EXT_INSATS_DECISION = SD + "insats-decision";

    // code systems
    public static final String CS_PLAN_TYPE = CS + "plan-type";
    public static final String CS_PRINCIPAL_TYPE = CS + "principal-type";
    public static final String CS_PARTICIPANT_ROLE = CS + "participant-role";
    public static final String CS_PARTICIPATION = CS + "participation";
    public static final String CS_CONSENT_CATEGORY = CS + "consent-category";
    public static final String CS_TASK_TYPE = CS + "task-type";
    public static final String CS_INSATS_DECISION = CS + "insats-decision";
    public static final String CS_LSS_PERSONKRETS = CS + "lss-personkrets";
    public static final String CS_RULE = CS + "rule";

    // codes
    public static final String PLAN_SIP = "sip";
    public static final String PLAN_LSS_IP = "lss-ip";
    public static final String PRINCIPAL_REGION = "region";
    public static final String PRINCIPAL_KOMMUN = "kommun";
    public static final String ROLE_PRINCIPAL = "principal";
    public static final String ROLE_RELATIVE = "relative";
    public static final String CONSENT_SIP = "sip-consent";
    public static final String CONSENT_RELATIVE_PARTICIPATION = "relative-participation";
    public static final String TASK_PLANNING_REQUEST = "planning-request";
    public static final String TASK_IP_REQUEST = "ip-request";
    public static final String TASK_IP_NOTIFICATION = "ip-notification";
    public static final String TASK_REVIEW_DUE = "review-due";
    public static final String TASK_CONSENT_WITHDRAWN = "consent-withdrawn";

    // subscriptions (se.karta.subscription)
    /** {@code meta.tag} system naming the organisation (HSA-id as code) that owns a Subscription. */
    public static final String CS_SUBSCRIPTION_OWNER = CS + "subscription-owner";
    /** {@code meta.tag} system of a delivered payload's kind, e.g. {@code id-only}. */
    public static final String CS_SUBSCRIPTION_PAYLOAD = CS + "subscription-payload";

    // Swedish identifier systems (HL7 Sweden basprofiler)
    public static final String SYSTEM_PERSONNUMMER = "http://electronichealth.se/identifier/personnummer";
    public static final String SYSTEM_SAMORDNINGSNUMMER = "http://electronichealth.se/identifier/samordningsnummer";
    public static final String SYSTEM_RESERVNUMMER = "http://electronichealth.se/identifier/nationelltReservnummer";
    public static final String SYSTEM_HSA_ID = "urn:oid:1.2.752.29.4.19";
    public static final String SYSTEM_ORGANISATIONSNUMMER = "urn:oid:2.5.4.97";

    /** FHIRPath for an extension of the given url on a path, e.g. {@code CarePlan.extension('https://...')}. */
    public static String extensionPath(String path, String url) {
        return path + ".extension('" + url + "')";
    }
}
