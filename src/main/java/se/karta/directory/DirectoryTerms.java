package se.karta.directory;

import se.karta.terms.KartaTerms;

import java.util.Set;

/** Systems and codes of the rare-diagnosis directory. */
public final class DirectoryTerms {

	private DirectoryTerms() {}

	/** Karta-issued key of every directory entry; loading matches on it. */
	public static final String DIRECTORY_KEY = KartaTerms.IDENTIFIER + "rare-support-directory";
	/** County code (länskod, two digits) of a region Location. */
	public static final String COUNTY_CODE = KartaTerms.IDENTIFIER + "county-code";
	public static final String ORGANISATIONSNUMMER = KartaTerms.SYSTEM_ORGANISATIONSNUMMER;
	public static final String HSA_ID = KartaTerms.SYSTEM_HSA_ID;

	public static final String KIND = KartaTerms.CS + "rare-support-kind";
	public static final String KIND_CSD = "csd";
	public static final String KIND_EXPERT_TEAM = "expert-team";
	public static final String KIND_EXPERT_RESOURCE = "expert-resource";
	public static final String KIND_ERN = "ern";
	public static final String KIND_INFORMATION_LINK = "information-link";

	public static final String AREA_TYPE = KartaTerms.CS + "area-type";
	public static final String AREA_COUNTRY = "country";
	public static final String AREA_SJUKVARDSREGION = "sjukvardsregion";
	public static final String AREA_REGION = "region";

	public static final String ORPHA = "http://www.orpha.net";
	public static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
	public static final Set<String> DIAGNOSIS_SYSTEMS = Set.of(ORPHA, ICD_10);
}
