package se.karta.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import se.karta.KartaApplication;
import se.karta.support.Fixtures;
import se.karta.support.FhirHttp;

/**
 * The embedded default keeps its data in an H2 file: what is written before a restart of the
 * application is there after it.
 */
class EmbeddedDatabaseRestartTest {

	@TempDir
	Path dataDir;

	@Test
	void dataSurvivesRestart() {
		String url = "jdbc:h2:file:" + dataDir.resolve("karta").toAbsolutePath();
		String id;
		try (ConfigurableApplicationContext first = start(url)) {
			FhirHttp http = http(first);
			id = http.post("/fhir/Patient", Fixtures.patient("191212121212", "Beständig")).createdId();
			assertThat(http.get("/fhir/Patient/" + id).status()).isEqualTo(200);
		}
		try (ConfigurableApplicationContext second = start(url)) {
			Patient patient = http(second).get("/fhir/Patient/" + id).resource(Patient.class);
			assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Beständig");
		}
	}

	private static ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(KartaApplication.class)
				.run("--server.port=0", "--spring.datasource.url=" + url, "--karta.server.openapi=false");
	}

	private static FhirHttp http(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new FhirHttp("http://127.0.0.1:" + port);
	}
}
