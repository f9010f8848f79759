package se.karta.profiles;

import se.karta.terms.KartaTerms;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an npm-style FHIR package (gzip tar, entries under {@code package/}): {@code package.json},
 * one {@code {Type}-{id}.json} per resource, examples under {@code package/example/}, and
 * {@code .index.json} (index-version 2) in both folders.
 */
final class NpmPackageWriter {

	static final String PACKAGE_NAME = "se.karta.fhir";
	static final String PACKAGE_VERSION = "0.1.0";
	static final String FHIR_VERSION = "4.0.1";

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final IParser parser;

	NpmPackageWriter(FhirContext fhirContext) {
		this.parser = fhirContext.newJsonParser().setPrettyPrint(true);
	}

	byte[] write(List<IBaseResource> resources, List<IBaseResource> examples) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (OutputStream gzip = new GzipCompressorOutputStream(bytes);
				TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			put(tar, "package/package.json", JSON.writeValueAsBytes(packageManifest()));
			writeFolder(tar, "package/", resources);
			writeFolder(tar, "package/example/", examples);
		}
		return bytes.toByteArray();
	}

	private void writeFolder(TarArchiveOutputStream tar, String folder, List<IBaseResource> resources)
			throws IOException {
		ObjectNode index = JSON.createObjectNode();
		index.put("index-version", 2);
		ArrayNode files = index.putArray("files");
		for (IBaseResource resource : resources) {
			String fileName = fileName(resource);
			put(tar, folder + fileName, parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
			files.add(indexEntry(fileName, resource));
		}
		put(tar, folder + ".index.json", JSON.writeValueAsBytes(index));
	}

	static String fileName(IBaseResource resource) {
		return resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
	}

	private static ObjectNode indexEntry(String fileName, IBaseResource resource) {
		ObjectNode entry = JSON.createObjectNode();
		entry.put("filename", fileName);
		entry.put("resourceType", resource.fhirType());
		entry.put("id", resource.getIdElement().getIdPart());
		if (resource instanceof MetadataResource metadata) {
			entry.put("url", metadata.getUrl());
			entry.put("version", metadata.getVersion());
		}
		if (resource instanceof StructureDefinition sd) {
			entry.put("kind", sd.getKind().toCode());
			entry.put("type", sd.getType());
			entry.put("derivation", sd.getDerivation().toCode());
		}
		if (resource instanceof CodeSystem cs && cs.hasContent()) {
			entry.put("content", cs.getContent().toCode());
		}
		return entry;
	}

	private static ObjectNode packageManifest() {
		ObjectNode manifest = JSON.createObjectNode();
		manifest.put("name", PACKAGE_NAME);
		manifest.put("version", PACKAGE_VERSION);
		manifest.put("canonical", KartaTerms.BASE);
		manifest.put("url", KartaTerms.BASE);
		manifest.put("title", "Karta: individuell plan (LSS) och samordnad individuell plan (SIP)");
		manifest.put("description", "FHIR R4 profiles, extensions, terminology and search parameters of Karta, "
				+ "a server for Swedish individuell plan (LSS) and samordnad individuell plan (SIP).");
		manifest.put("type", "fhir.ig");
		manifest.put("license", "CC0-1.0");
		manifest.putArray("fhirVersions").add(FHIR_VERSION);
		manifest.putObject("dependencies").put("hl7.fhir.r4.core", FHIR_VERSION);
		manifest.put("author", "Karta");
		return manifest;
	}

	private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setSize(content.length);
		entry.setModTime(0L);
		tar.putArchiveEntry(entry);
		tar.write(content);
		tar.closeArchiveEntry();
	}
}
