package se.karta.narrative;

import se.karta.terms.KartaTerms;

import java.util.Map;

/**
 * Swedish labels the narrative uses when a coding
 * carries no {@code display}. Codes the narrative does not know are shown as they are.
 */
final class NarrativeTerms {

    private NarrativeTerms() {
    }

    // the URLs and codes are KartaTerms' (imported statically where used); only the labels live here
    static final String CS_LSS_INSATS = KartaTerms.CS + "lss-insats";

    /** Heading label of each plan type. */
    static final Map<String, String> PLAN_TYPE = Map.of(
            KartaTerms.PLAN_SIP, "Samordnad individuell plan (SIP)",
            KartaTerms.PLAN_LSS_IP, "Individuell plan enligt LSS");

    static final String PLAN_TYPE_UNKNOWN = "Individuell plan";

    static final Map<String, String> LEGAL_BASIS = Map.of(
            "hsl-16-4", "16 kap. 4 § hälso- och sjukvårdslagen (2017:30)",
            "sol-2-7", "2 kap. 7 § socialtjänstlagen (2001:453)",
            "sol-2025-400", "Bestämmelsen om SIP i socialtjänstlagen (2025:400)",
            "pl-6-4", "6 kap. 4 § patientlagen (2014:821)",
            "lss-10", "10 § lagen om stöd och service till vissa funktionshindrade (1993:387)",
            "lsu-4", "Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård");

    static final Map<String, String> PARTICIPATION = Map.of(
            "participated", "Den enskilde har deltagit",
            "partly", "Den enskilde har delvis deltagit",
            "declined", "Den enskilde har avböjt att delta",
            "unable", "Den enskilde har inte kunnat delta");

    static final Map<String, String> PERSONKRETS = Map.of(
            "1", "1 § punkt 1 LSS",
            "2", "1 § punkt 2 LSS",
            "3", "1 § punkt 3 LSS");

    static final Map<String, String> INSATS_DECISION = Map.of(
            "decided", "Beslutad",
            "planned", "Planerad");

    static final Map<String, String> PARTICIPANT_ROLE = Map.of(
            "principal", "Huvudman",
            "other-actor", "Övrig aktör",
            "patient", "Den enskilde",
            KartaTerms.ROLE_RELATIVE, "Närstående",
            "legal-representative", "Legal företrädare",
            "coordinator", "Samordnare");

    static final Map<String, String> LSS_INSATS = Map.ofEntries(
            Map.entry("1", "Rådgivning och annat personligt stöd"),
            Map.entry("2", "Personlig assistans"),
            Map.entry("3", "Ledsagarservice"),
            Map.entry("4", "Kontaktperson"),
            Map.entry("5", "Avlösarservice i hemmet"),
            Map.entry("6", "Korttidsvistelse utanför det egna hemmet"),
            Map.entry("7", "Korttidstillsyn för skolungdom över 12 år"),
            Map.entry("8", "Boende i familjehem eller bostad med särskild service för barn eller ungdomar"),
            Map.entry("9", "Bostad med särskild service för vuxna eller annan särskilt anpassad bostad"),
            Map.entry("10", "Daglig verksamhet"));

    /** CarePlan.status (request-status). */
    static final Map<String, String> PLAN_STATUS = Map.of(
            "draft", "Utkast",
            "active", "Aktiv",
            "on-hold", "Vilande",
            "revoked", "Avbruten",
            "completed", "Avslutad",
            "entered-in-error", "Felregistrerad",
            "unknown", "Okänd");

    /** CarePlan.activity.detail.status. */
    static final Map<String, String> ACTIVITY_STATUS = Map.of(
            "not-started", "Ej påbörjad",
            "scheduled", "Schemalagd",
            "in-progress", "Pågår",
            "on-hold", "Vilande",
            "completed", "Genomförd",
            "cancelled", "Inställd",
            "stopped", "Avbruten",
            "unknown", "Okänd",
            "entered-in-error", "Felregistrerad");

    static final String NOT_STATED = "Ej angivet";
}
