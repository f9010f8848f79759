package se.karta.directory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the rare-diagnosis directory at startup (after the Karta package, whose profiles and code
 * systems it uses). Each file of {@code classpath:directory/*.json} (and, with
 * {@code karta.directory.sample-data}, {@code classpath:directory/sample/*.json}) is a transaction
 * Bundle whose entries are conditional updates on the directory key
 * ({@code PUT Type?identifier=https://fhir.karta.se/identifier/rare-support-directory|key}); references
 * between files are conditional references on the same key. Files are applied in name order.
 *
 * <p>Idempotent: by default every entry is turned into a conditional create ({@code ifNoneExist} on its
 * key), so an entry already on the server, possibly maintained since with normal FHIR writes, is left
 * alone; with {@code karta.directory.overwrite} the conditional updates are sent as written, and HAPI
 * stores no new version of an unchanged resource. Either way a restart or a second node creates
 * nothing new.
 *
 * <p>Every write goes through Karta's write enforcement (a CSD Organization must satisfy
 * {@code karta-organization} and {@code ID-HSA}): the enforcement interceptor is registered on the
 * FHIR endpoint's interceptor service, which HAPI's storage layer only calls for requests that carry
 * it, so the loader's system requests are given that service explicitly.
 */
@Component
@Order(10)
public class DirectoryLoader implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(DirectoryLoader.class);
	static final String DIRECTORY = "classpath:directory/*.json";
	static final String SAMPLE = "classpath:directory/sample/*.json";

	/** What one load did: entries written per outcome. */
	public record Result(int files, int created, int unchanged) {}

	private final DaoRegistry daoRegistry;
	private final DirectoryProperties properties;
	private final FhirContext fhirContext;
	/** Held so the loader starts after the REST server (and everything it registers) is built. */
	private final RestfulServer server;

	public DirectoryLoader(DaoRegistry daoRegistry, DirectoryProperties properties, RestfulServer server) {
		this.daoRegistry = daoRegistry;
		this.server = server;
		this.properties = properties;
		this.fhirContext = daoRegistry.getSystemDao().getContext();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!properties.enabled()) {
			LOG.info("Rare-diagnosis directory not loaded (karta.directory.enabled=false)");
			return;
		}
		Result result = load(properties.sampleData());
		LOG.info("Rare-diagnosis directory: {} files, {} entries created, {} already present",
				result.files(), result.created(), result.unchanged());
	}

	/** Loads the directory (and the sample data when asked); safe to call any number of times. */
	public Result load(boolean withSampleData) {
		List<Resource> files = new ArrayList<>(files(DIRECTORY));
		if (withSampleData) {
			files.addAll(files(SAMPLE));
		}
		int created = 0;
		int unchanged = 0;
		for (Resource file : files) {
			Bundle response = apply(file);
			for (BundleEntryComponent entry : response.getEntry()) {
				String status = entry.getResponse().getStatus();
				if (status != null && status.startsWith("201")) {
					created++;
				} else {
					unchanged++;
				}
			}
		}
		return new Result(files.size(), created, unchanged);
	}

	private Bundle apply(Resource file) {
		Bundle bundle;
		try (InputStream in = file.getInputStream()) {
			bundle = fhirContext.newJsonParser().parseResource(Bundle.class,
					new String(in.readAllBytes(), StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot read directory file " + file.getFilename(), e);
		}
		if (!properties.overwrite()) {
			bundle.getEntry().forEach(DirectoryLoader::toConditionalCreate);
		}
		try {
			return transaction(bundle);
		} catch (RuntimeException e) {
			throw new IllegalStateException("Could not load directory file " + file.getFilename() + ": " + e.getMessage(), e);
		}
	}

	/**
	 * Runs a transaction as the server itself. Write enforcement is registered with HAPI's global
	 * interceptor service, so it holds here too; the REST server's own (request) interceptors such as
	 * authorization and audit do not apply to the server's own work.
	 */
	Bundle transaction(Bundle bundle) {
		@SuppressWarnings("unchecked")
		IFhirSystemDao<Bundle, ?> systemDao = (IFhirSystemDao<Bundle, ?>) daoRegistry.getSystemDao();
		return systemDao.transaction(new SystemRequestDetails(), bundle);
	}

	/** {@code PUT Type?identifier=…} becomes {@code POST Type} with {@code ifNoneExist: identifier=…}. */
	static void toConditionalCreate(BundleEntryComponent entry) {
		Bundle.BundleEntryRequestComponent request = entry.getRequest();
		String url = request.getUrl();
		int query = url == null ? -1 : url.indexOf('?');
		if (request.getMethod() == HTTPVerb.PUT && query > 0) {
			request.setMethod(HTTPVerb.POST);
			request.setIfNoneExist(url.substring(query + 1));
			request.setUrl(url.substring(0, query));
		}
	}

	private static List<Resource> files(String pattern) {
		try {
			Resource[] found = new PathMatchingResourcePatternResolver(DirectoryLoader.class.getClassLoader())
					.getResources(pattern);
			return Arrays.stream(found)
					.sorted(Comparator.comparing(r -> String.valueOf(r.getFilename())))
					.toList();
		} catch (IOException e) {
			throw new UncheckedIOException("Cannot list " + pattern, e);
		}
	}
}
