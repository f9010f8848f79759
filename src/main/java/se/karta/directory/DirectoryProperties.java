package se.karta.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code karta.directory.*}.
 *
 * @param enabled whether the directory shipped in {@code classpath:directory/} is loaded at startup
 *     (default true)
 * @param sampleData whether the sample diagnoses, expert teams and links of
 *     {@code classpath:directory/sample/} are loaded too (default false: they are invented, for demos
 *     and tests only, and tagged {@code HTEST})
 * @param overwrite false (default): only entries missing from the server are created, so changes made
 *     afterwards with normal FHIR writes survive a restart; true: the files win, every entry is written
 *     by a conditional update on its directory key (HAPI stores no new version when nothing changed)
 */
@ConfigurationProperties("karta.directory")
public record DirectoryProperties(Boolean enabled, Boolean sampleData, Boolean overwrite) {
	public DirectoryProperties {
		enabled = enabled == null || enabled;
		sampleData = sampleData != null && sampleData;
		overwrite = overwrite != null && overwrite;
	}
}
