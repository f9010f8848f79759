package se.karta.bench;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Distinct, valid SIP transaction bundles made from {@code profiles/examples/Bundle-sip-example.json}:
 * bundle {@code i} gets its own {@code urn:uuid:}s, a personnummer with a real date and Luhn check
 * digit, and its own HSA-ids for the region, the kommun and Försäkringskassan. Every entry declares
 * its Karta profile in {@code meta.profile}, so that a stock HAPI validator (configuration C) validates
 * against the same profiles Karta picks by itself.
 */
public final class SipBundles {

	static final String EXAMPLE_PERSONNUMMER = "191212121212";
	private static final Map<String, String> PROFILE_BY_TYPE = Map.of(
			"Patient", "https://fhir.karta.se/StructureDefinition/karta-patient",
			"Organization", "https://fhir.karta.se/StructureDefinition/karta-organization",
			"CareTeam", "https://fhir.karta.se/StructureDefinition/karta-careteam",
			"Consent", "https://fhir.karta.se/StructureDefinition/karta-consent",
			"CarePlan", "https://fhir.karta.se/StructureDefinition/karta-sip");
	/** HSA-id suffixes of the example's three organisations, replaced per bundle. */
	private static final List<String> HSA_SUFFIXES = List.of("-KARTA1", "-SOC1", "-FK1");
	private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1940, 1, 1);
	private static final int BIRTH_DAYS = 20_000;
	private static final Pattern URN_UUID = Pattern.compile("urn:uuid:[0-9a-f-]{36}");

	private final FhirContext fhirContext;
	private final String template;
	private final Set<String> templateUuids = new LinkedHashSet<>();

	public SipBundles(FhirContext fhirContext, Path exampleBundle) {
		this.fhirContext = fhirContext;
		String json;
		try {
			json = Files.readString(exampleBundle, StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, json);
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Resource resource = entry.getResource();
			String profile = PROFILE_BY_TYPE.get(resource.fhirType());
			if (profile != null && !resource.getMeta().hasProfile(profile)) {
				resource.getMeta().addProfile(profile);
			}
		}
		this.template = fhirContext.newJsonParser().encodeResourceToString(bundle);
		Matcher m = URN_UUID.matcher(template);
		while (m.find()) {
			templateUuids.add(m.group());
		}
		if (!template.contains(EXAMPLE_PERSONNUMMER) || HSA_SUFFIXES.stream().anyMatch(s -> !template.contains(s + "\""))) {
			throw new IllegalStateException("The example bundle changed; adapt " + SipBundles.class.getSimpleName());
		}
	}

	/** Bundle number {@code i} (0 ≤ i &lt; 18,000,000) as JSON. */
	public String json(long i) {
		String json = template.replace(EXAMPLE_PERSONNUMMER, personnummer(i));
		for (int k = 0; k < HSA_SUFFIXES.size(); k++) {
			json = json.replace(HSA_SUFFIXES.get(k) + "\"", "-B" + k + "N" + i + "\"");
		}
		for (String uuid : templateUuids) {
			json = json.replace(uuid, "urn:uuid:" + UUID.randomUUID());
		}
		return json;
	}

	/** Bundles {@code from} … {@code from + count - 1} as one transaction (for loading data fast). */
	public String transactionOf(long from, int count) {
		Bundle all = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		for (long i = from; i < from + count; i++) {
			all.getEntry().addAll(fhirContext.newJsonParser().parseResource(Bundle.class, json(i)).getEntry());
		}
		return fhirContext.newJsonParser().encodeResourceToString(all);
	}

	/** A valid personnummer (real date, Luhn check digit), distinct for each {@code i} below 18,000,000. */
	public static String personnummer(long i) {
		LocalDate birth = FIRST_BIRTH_DATE.plusDays(i % BIRTH_DAYS);
		long serial = 100 + (i / BIRTH_DAYS) % 900;
		String nine = birth.format(DateTimeFormatter.ofPattern("yyMMdd")) + serial;
		return birth.getYear() / 100 + nine + luhnCheckDigit(nine);
	}

	static int luhnCheckDigit(String digits) {
		int sum = 0;
		for (int k = 0; k < digits.length(); k++) {
			int d = digits.charAt(k) - '0';
			if (k % 2 == 0) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
		}
		return (10 - sum % 10) % 10;
	}
}
