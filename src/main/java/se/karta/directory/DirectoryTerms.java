package se.karta.directory;

import java.util.Set;

/** Systems and codes of the rare-diagnosis directory. */
public final class DirectoryTerms {

	private DirectoryTerms() {}

	/** Karta-issued key of every directory entry; loading matches on it. */
	public static final String DIRECTORY_KEY = "https://fhir.karta.se/identifier/rare-support-directory";
	/** County code (länskod, two digits) of a region Location. */
	public static final String COUNTY_CODE = "https://fhir.karta.se/identifier/county-code";
	public static final String ORGANISATIONSNUMMER = "urn:oid:2.5.4.97";
	public static final String HSA_ID = "urn:oid:1.2.752.29.4.19";

	public static final String KIND = "https://fhir.karta.se/CodeSystem/rare-support-kind";
	public static final String KIND_CSD = "csd";
	public static final String KIND_EXPERT_TEAM = "expert-team";
	public static final String KIND_EXPERT_RESOURCE = "expert-resource";
	public static final String KIND_ERN = "ern";
	public static final String KIND_INFORMATION_LINK = "information-link";

	public static final String AREA_TYPE = "https://fhir.karta.se/CodeSystem/area-type";
	public static final String AREA_COUNTRY = "country";
	public static final String AREA_SJUKVARDSREGION = "sjukvardsregion";
	public static final String AREA_REGION = "region";

	public static final String ORPHA = "http://www.orpha.net";
	public static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
	public static final Set<String> DIAGNOSIS_SYSTEMS = Set.of(ORPHA, ICD_10);
}
