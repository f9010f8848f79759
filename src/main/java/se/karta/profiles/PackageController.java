package se.karta.profiles;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serves the built FHIR package at {@code /ig/package.tgz}, beside {@code /fhir}. */
@RestController
public class PackageController {

	private final KartaPackage kartaPackage;

	public PackageController(KartaPackage kartaPackage) {
		this.kartaPackage = kartaPackage;
	}

	@GetMapping("/ig/package.tgz")
	public ResponseEntity<byte[]> packageTgz() {
		return ResponseEntity.ok()
				.contentType(MediaType.parseMediaType("application/gzip"))
				.header(HttpHeaders.CONTENT_DISPOSITION,
						"attachment; filename=\"" + kartaPackage.getName() + "-" + kartaPackage.getVersion() + ".tgz\"")
				.body(kartaPackage.getPackageBytes());
	}
}
