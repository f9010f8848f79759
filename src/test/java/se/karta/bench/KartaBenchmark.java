package se.karta.bench;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import se.karta.terms.KartaTerms;

/**
 * Karta against plain HAPI JPA and against HAPI's stock request validation, on H2 and PostgreSQL, each
 * configuration as its own JVM from the same jar. Run with {@code mvn -B -Pbench verify}; options are
 * system properties {@code bench.*} (see {@link Settings}); {@code docs/performance.md} explains the figures.
 *
 * <p>Per database: one loader server (configuration B) stores {@code bench.n} SIP plans; then A, B and C
 * each start on that database and run: startup, create of SIP bundles (1 client, then 4), search,
 * {@code $validate}, with RSS after startup and after the workload. Latencies go into HdrHistograms.
 */
public final class KartaBenchmark {

	/**
	 * Configuration B, "plain HAPI JPA": every Karta feature switched off. The one place to add the
	 * switches of new features (narrative, audit, security, ...); unknown properties are ignored by
	 * Spring Boot, so a switch can be listed before its feature lands. Override with
	 * {@code -Dbench.plainFlags=--a=b,--c=d}.
	 */
	static final List<String> PLAIN_FLAGS = List.of(
			"--karta.enforcement.enabled=false",
			"--karta.narrative.enabled=false",
			"--karta.security.enabled=false",
			"--karta.security.audit.enabled=false");

	/** Configuration C on top of B: HAPI's RequestValidatingInterceptor with a stock FhirInstanceValidator. */
	static final List<String> STOCK_VALIDATION_FLAGS = List.of("--karta.baseline.stock-request-validation=true");

	enum Config {
		A("Karta (as shipped)"), B("plain HAPI JPA"), C("B + stock HAPI request validation");

		final String label;

		Config(String label) {
			this.label = label;
		}

		List<String> args(Settings s) {
			List<String> args = new ArrayList<>();
			if (this != A) {
				args.addAll(s.plainFlags);
			}
			if (this == C) {
				args.addAll(STOCK_VALIDATION_FLAGS);
			}
			return args;
		}
	}

	/** Options, all {@code -Dbench.*}. */
	record Settings(int n, int creates, int warmup, double jitQuiet, int warmupMaxMinutes, int searches,
			int validates, int clients, List<String> dbs, List<Config> configs, String xmx, int loadBatch,
			int loadThreads, Path jar, Path out, Path example, Path validateExample, Path invalidPatient, boolean jfr,
			int port, boolean keepSchema, List<String> plainFlags, String pgUrl, String pgUser, String pgPassword) {

		static Settings fromSystemProperties() {
			return new Settings(
					Integer.getInteger("bench.n", 10_000),
					Integer.getInteger("bench.creates", 200),
					Integer.getInteger("bench.warmup", 200),
					Double.parseDouble(System.getProperty("bench.jitQuiet", "0.1")),
					Integer.getInteger("bench.warmupMaxMinutes", 8),
					Integer.getInteger("bench.searches", 1_000),
					Integer.getInteger("bench.validates", 200),
					Integer.getInteger("bench.clients", 4),
					list(System.getProperty("bench.dbs", "h2,postgres")),
					list(System.getProperty("bench.configs", "A,B,C")).stream().map(Config::valueOf).toList(),
					System.getProperty("bench.xmx", "1g"),
					Integer.getInteger("bench.loadBatch", 25),
					Integer.getInteger("bench.loadThreads", 2),
					Path.of(System.getProperty("bench.jar", "target/karta-0.1.0.jar")),
					Path.of(System.getProperty("bench.out", "target/bench")),
					Path.of(System.getProperty("bench.example", "profiles/examples/Bundle-sip-example.json")),
					Path.of(System.getProperty("bench.validateExample", "profiles/examples/CarePlan-example-sip.json")),
					Path.of(System.getProperty("bench.invalidPatient", "profiles/examples/invalid/Patient-missing-name.json")),
					Boolean.getBoolean("bench.jfr"),
					Integer.getInteger("bench.port", 18080),
					Boolean.getBoolean("bench.keepSchema"),
					System.getProperty("bench.plainFlags") != null ? list(System.getProperty("bench.plainFlags")) : PLAIN_FLAGS,
					System.getProperty("bench.pgUrl", "jdbc:postgresql://127.0.0.1:5432/test"),
					System.getProperty("bench.pgUser", envOr("KARTA_DB_USER", "postgres")),
					System.getProperty("bench.pgPassword", envOr("KARTA_DB_PASSWORD", "")));
		}

		private static List<String> list(String value) {
			return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
		}

		private static String envOr(String name, String fallback) {
			String value = System.getenv(name);
			return value != null ? value : fallback;
		}
	}

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private final Settings s;
	private final SipBundles bundles;
	private final String validateBody;
	/** {@code Patient-missing-name.json} declaring karta-patient; see {@link #requireValidationAsConfigured}. */
	private final String invalidPatient;
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5)).build();
	/** The next bundle number; one sequence per run, so every bundle of a database is distinct. */
	private final AtomicLong nextBundle = new AtomicLong();

	KartaBenchmark(Settings settings) throws IOException {
		this.s = settings;
		this.bundles = new SipBundles(FhirContext.forR4Cached(), settings.example());
		this.validateBody = Files.readString(settings.validateExample());
		ObjectNode patient = (ObjectNode) JSON.readTree(Files.readString(settings.invalidPatient()));
		patient.remove("id");
		patient.putObject("meta").putArray("profile").add(KartaTerms.PROFILE_PATIENT);
		this.invalidPatient = JSON.writeValueAsString(patient);
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.fromSystemProperties();
		Map<String, Object> results = new KartaBenchmark(settings).run();
		BenchReport.write(results, settings.out());
		System.out.println("[bench] wrote " + settings.out().resolve("results.json") + " and results.md");
	}

	Map<String, Object> run() throws Exception {
		Files.createDirectories(s.out());
		Map<String, Object> results = new LinkedHashMap<>();
		results.put("started", Instant.now().toString());
		results.put("settings", settings());
		Map<String, Object> databases = new LinkedHashMap<>();
		results.put("databases", databases);
		for (String db : s.dbs()) {
			databases.put(db, runDatabase(db));
			BenchReport.write(results, s.out()); // partial results survive a later failure
		}
		results.put("finished", Instant.now().toString());
		return results;
	}

	private Map<String, Object> settings() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("n", s.n());
		m.put("creates", s.creates());
		m.put("warmup", s.warmup());
		m.put("jitQuiet", s.jitQuiet());
		m.put("warmupMaxMinutes", s.warmupMaxMinutes());
		m.put("searches", s.searches());
		m.put("validates", s.validates());
		m.put("clients", s.clients());
		m.put("xmx", s.xmx());
		m.put("jfr", s.jfr());
		m.put("plainFlags", s.plainFlags());
		m.put("stockValidationFlags", STOCK_VALIDATION_FLAGS);
		m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
		m.put("java", System.getProperty("java.version"));
		return m;
	}

	private Map<String, Object> runDatabase(String db) throws Exception {
		Map<String, Object> result = new LinkedHashMap<>();
		Database database = Database.prepare(db, s);
		try {
			List<String> patients;
			System.out.println("[bench] " + db + ": loading " + s.n() + " SIP plans through configuration B");
			try (ServerProcess loader = start(database, Config.B, "load")) {
				// the first start installs Karta's SearchParameters and HAPI submits REINDEX jobs for them;
				// on this empty database they have nothing to do, but left running they would reindex every
				// loaded plan in the background during the measurements
				awaitPackageInstalled(s.out().resolve("logs").resolve(database.name + "-B-load.log"), Duration.ofMinutes(3));
				database.cancelBackgroundJobs();
				database.awaitBackgroundJobs(Duration.ofMinutes(3));
				long t0 = System.nanoTime();
				patients = load(loader.base());
				Map<String, Object> load = new LinkedHashMap<>();
				load.put("plans", patients.size());
				load.put("seconds", (System.nanoTime() - t0) / 1e9);
				result.put("load", load);
			}
			Map<String, Object> configs = new LinkedHashMap<>();
			result.put("configs", configs);
			for (Config config : s.configs()) {
				System.out.println("[bench] " + db + ": configuration " + config + " (" + config.label + ")");
				configs.put(config.name(), runConfig(database, config, patients));
			}
			result.put("ratios", BenchReport.ratios(configs));
		} finally {
			database.cleanUp(s);
		}
		return result;
	}

	private ServerProcess start(Database database, Config config, String what) throws Exception {
		List<String> jvm = new ArrayList<>(List.of("-Xmx" + s.xmx(), "-Xms" + s.xmx()));
		String name = database.name + "-" + config + "-" + what;
		if (s.jfr() && !"load".equals(what)) {
			jvm.add("-XX:FlightRecorderOptions=stackdepth=256");
			jvm.add("-XX:StartFlightRecording=filename=" + s.out().resolve("jfr").resolve(name + ".jfr").toAbsolutePath()
					+ ",settings=profile,dumponexit=true");
			Files.createDirectories(s.out().resolve("jfr"));
		}
		// one value per property, the configuration's over the database's (Spring would join repeats with commas)
		Map<String, String> byProperty = new LinkedHashMap<>();
		for (String arg : concat(database.args, config.args(s))) {
			byProperty.put(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg, arg);
		}
		List<String> args = new ArrayList<>(byProperty.values());
		return ServerProcess.start(s.jar(), jvm, args, database.env, s.port(), s.out().resolve("logs").resolve(name + ".log"),
				Duration.ofMinutes(Integer.getInteger("bench.startupTimeoutMinutes", 10)));
	}

	/** Karta installs its package after the server answers; the installer logs when it is done. */
	private static void awaitPackageInstalled(Path log, Duration limit) throws Exception {
		Instant deadline = Instant.now().plus(limit);
		while (Instant.now().isBefore(deadline)) {
			if (Files.exists(log) && Files.readString(log).contains("conformance resources of se.karta.fhir")) {
				return;
			}
			Thread.sleep(1000);
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private Map<String, Object> runConfig(Database database, Config config, List<String> patients) throws Exception {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("label", config.label);
		r.put("args", config.args(s));
		try (ServerProcess server = start(database, config, "run")) {
			r.put("startupSeconds", server.startupSeconds());
			r.put("rssAfterStartupMiB", server.rssMiB());
			database.awaitBackgroundJobs(Duration.ofMinutes(1));
			String base = server.base();

			r.put("warmup", warmUp(server, patients));
			awaitIdle(server); // what the warm-up left in the background is not the first phase's
			r.put("invalidPatientStatus", requireValidationAsConfigured(base, config));

			r.put("create1", withCpu(server, s.creates(), () -> creates(base, 1, s.creates())));
			r.put("create" + s.clients(), withCpu(server, s.creates(), () -> creates(base, s.clients(), s.creates())));
			r.put("search", withCpu(server, s.searches(), () -> searches(base, patients)));
			r.put("validate", validates(base));
			r.put("rssAfterWorkloadMiB", server.rssMiB());
		}
		return r;
	}

	/**
	 * {@code bench.warmup} rounds (one create, one search, one {@code $validate} each), then more in
	 * batches of {@value #WARMUP_BATCH} until the JIT compiler threads used less than
	 * {@code bench.jitQuiet} of the server's CPU over a batch, for at most {@code bench.warmupMaxMinutes}.
	 * On 2 cores a compiler thread still compiling takes most of a core from the requests, and it
	 * compiles more for a configuration that runs more code (A's validator): measured before the JIT
	 * is done, a ratio says more about warm-up than about the work per request.
	 */
	private Map<String, Object> warmUp(ServerProcess server, List<String> patients) throws Exception {
		String base = server.base();
		Statuses statuses = new Statuses();
		long started = System.nanoTime();
		long deadline = started + Duration.ofMinutes(s.warmupMaxMinutes()).toNanos();
		int rounds = 0;
		double jitShare = 1;
		List<Double> jitShares = new ArrayList<>();
		while (rounds < s.warmup() || (jitShare >= s.jitQuiet() && System.nanoTime() < deadline)) {
			ServerProcess.CpuTimes before = server.cpuTimes();
			int batch = rounds < s.warmup() ? Math.min(WARMUP_BATCH, s.warmup() - rounds) : WARMUP_BATCH;
			for (int i = 0; i < batch; i++, rounds++) {
				statuses.add(post(base, bundles.json(nextBundle.getAndIncrement())));
				search(base, patients.get(rounds % patients.size()));
				validate(base);
			}
			ServerProcess.CpuTimes used = server.cpuTimes().since(before);
			jitShare = used.total() == 0 ? 0 : used.jit() / used.total();
			jitShares.add(Math.round(jitShare * 1000) / 1000.0);
		}
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("rounds", rounds);
		r.put("seconds", (System.nanoTime() - started) / 1e9);
		r.put("jitShareByBatch", jitShares);
		r.put("jitQuiet", jitShare < s.jitQuiet());
		r.put("statuses", statuses.counts);
		return r;
	}

	private static final int WARMUP_BATCH = 50;

	/**
	 * Adds the server's CPU milliseconds per operation ({@code cpuMsPerOp}): all threads, from the start of
	 * the phase until the server is idle again, so work the phase handed to background threads (audit
	 * writes, subscription matching) counts for the phase that caused it and does not run on into the
	 * next one. {@code drainSeconds} says how long the server stayed busy after the last answer, and
	 * {@code untilIdleMsPerOp} is the wall time per operation from the phase's start until then: what a
	 * server can sustain, since background work put off past the last answer is not free.
	 */
	private static Map<String, Object> withCpu(ServerProcess server, int operations,
			java.util.concurrent.Callable<Map<String, Object>> phase) throws Exception {
		ServerProcess.CpuTimes before = server.cpuTimes();
		long started = System.nanoTime();
		Map<String, Object> r = phase.call();
		long answered = System.nanoTime();
		awaitIdle(server);
		long idle = System.nanoTime();
		ServerProcess.CpuTimes used = server.cpuTimes().since(before);
		r.put("drainSeconds", (idle - answered) / 1e9);
		r.put("untilIdleMsPerOp", (idle - started) / 1e6 / operations);
		r.put("cpuMsPerOp", used.total() * 1000 / operations);
		r.put("jitCpuMsPerOp", used.jit() * 1000 / operations);
		r.put("gcCpuMsPerOp", used.gc() * 1000 / operations);
		r.put("cpuMsPerOpWithoutJit", (used.total() - used.jit()) * 1000 / operations);
		return r;
	}

	/**
	 * Waits until the server uses less than {@value #IDLE_CPU_SHARE} of one core over half a second
	 * (its scheduled jobs stay below that), for at most a minute.
	 */
	private static void awaitIdle(ServerProcess server) throws Exception {
		long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
		double last = server.cpuSeconds();
		while (System.nanoTime() < deadline) {
			Thread.sleep(500);
			double now = server.cpuSeconds();
			if (now - last < IDLE_CPU_SHARE * 0.5) {
				return;
			}
			last = now;
		}
	}

	private static final double IDLE_CPU_SHARE = 0.05;

	/** Stores N SIP plans (several bundles per transaction) and returns their patients' ids. */
	private List<String> load(String base) throws Exception {
		List<String> patients = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(s.loadThreads());
		List<Future<?>> futures = new ArrayList<>();
		for (int from = 0; from < s.n(); from += s.loadBatch()) {
			int count = Math.min(s.loadBatch(), s.n() - from);
			long first = nextBundle.getAndAdd(count);
			futures.add(pool.submit(() -> {
				HttpResponse<String> response = send(base, "", bundles.transactionOf(first, count));
				if (response.statusCode() != 200) {
					throw new IllegalStateException("Load failed: " + response.statusCode() + " " + response.body());
				}
				for (JsonNode entry : JSON.readTree(response.body()).path("entry")) {
					String location = entry.path("response").path("location").asText();
					if (location.startsWith("Patient/")) {
						patients.add(location.substring(0, location.indexOf("/_history")));
					}
				}
				return null;
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		Collections.shuffle(patients, new Random(42));
		return new ArrayList<>(patients);
	}

	private Map<String, Object> creates(String base, int clients, int count) throws Exception {
		Histogram histogram = new Histogram(3);
		Statuses statuses = new Statuses();
		AtomicInteger remaining = new AtomicInteger(count);
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<Histogram>> futures = new ArrayList<>();
		long t0 = System.nanoTime();
		for (int c = 0; c < clients; c++) {
			futures.add(pool.submit(() -> {
				Histogram mine = new Histogram(3);
				while (remaining.getAndDecrement() > 0) {
					String body = bundles.json(nextBundle.getAndIncrement());
					long start = System.nanoTime();
					HttpResponse<String> response = send(base, "", body);
					mine.recordValue((System.nanoTime() - start) / 1000);
					statuses.add(response);
				}
				return mine;
			}));
		}
		for (Future<Histogram> f : futures) {
			histogram.add(f.get());
		}
		double wallSeconds = (System.nanoTime() - t0) / 1e9;
		pool.shutdown();
		Map<String, Object> r = summary(histogram, statuses);
		r.put("clients", clients);
		r.put("wallSeconds", wallSeconds);
		r.put("bundlesPerSecond", count / wallSeconds);
		r.put("wallMsPerBundle", wallSeconds * 1000 / count);
		return r;
	}

	private Map<String, Object> searches(String base, List<String> patients) throws Exception {
		Histogram histogram = new Histogram(3);
		Statuses statuses = new Statuses();
		Random random = new Random(7);
		for (int i = 0; i < s.searches(); i++) {
			String patient = patients.get(random.nextInt(patients.size()));
			long start = System.nanoTime();
			HttpResponse<String> response = search(base, patient);
			histogram.recordValue((System.nanoTime() - start) / 1000);
			statuses.add(response);
			if (i == 0 && response.statusCode() == 200) {
				JsonNode entries = JSON.readTree(response.body()).path("entry");
				if (entries.size() != 2) {
					statuses.note("expected one CarePlan and its CareTeam, got " + entries.size() + " entries");
				}
			}
		}
		return summary(histogram, statuses);
	}

	private Map<String, Object> validates(String base) throws Exception {
		Histogram histogram = new Histogram(3);
		Statuses statuses = new Statuses();
		for (int i = 0; i < s.validates(); i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = validate(base);
			histogram.recordValue((System.nanoTime() - start) / 1000);
			statuses.add(response);
		}
		return summary(histogram, statuses);
	}

	private HttpResponse<String> search(String base, String patient) throws Exception {
		String query = "CarePlan?patient=" + URLEncoder.encode(patient, StandardCharsets.UTF_8) + "&_include=CarePlan:care-team";
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + query))
				.header("Accept", "application/fhir+json").timeout(Duration.ofMinutes(2)).GET().build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> validate(String base) throws Exception {
		return send(base, "/CarePlan/$validate", validateBody);
	}

	/**
	 * A Patient that declares karta-patient but has no name: A and C must refuse it (422), B must store
	 * it (201). Otherwise the configuration is not what its figures claim, and the run stops.
	 */
	private int requireValidationAsConfigured(String base, Config config) throws Exception {
		HttpResponse<String> response = send(base, "/Patient", invalidPatient);
		int expected = config == Config.B ? 201 : 422;
		if (response.statusCode() != expected) {
			throw new IllegalStateException("Configuration " + config + " answered " + response.statusCode()
					+ " to a Patient without name (expected " + expected + "): " + response.body());
		}
		return response.statusCode();
	}

	private HttpResponse<String> post(String base, String body) throws Exception {
		return send(base, "", body);
	}

	private HttpResponse<String> send(String base, String path, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
				.header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
				.header("Prefer", "return=minimal")
				.timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Latency summary in milliseconds from a histogram of microseconds. */
	private static Map<String, Object> summary(Histogram h, Statuses statuses) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("count", h.getTotalCount());
		r.put("meanMs", h.getMean() / 1000);
		r.put("p50Ms", h.getValueAtPercentile(50) / 1000.0);
		r.put("p95Ms", h.getValueAtPercentile(95) / 1000.0);
		r.put("p99Ms", h.getValueAtPercentile(99) / 1000.0);
		r.put("maxMs", h.getMaxValue() / 1000.0);
		r.put("statuses", statuses.counts);
		if (!statuses.notes.isEmpty()) {
			r.put("notes", statuses.notes);
		}
		return r;
	}

	/** HTTP status counts, and the first body of each unexpected status (for the report). */
	static final class Statuses {
		final Map<String, Integer> counts = Collections.synchronizedMap(new LinkedHashMap<>());
		final List<String> notes = Collections.synchronizedList(new ArrayList<>());

		void add(HttpResponse<String> response) {
			String status = Integer.toString(response.statusCode());
			Integer before = counts.merge(status, 1, Integer::sum);
			if (before == 1 && response.statusCode() >= 300) {
				note(status + ": " + abbreviate(response.body()));
			}
		}

		void note(String note) {
			notes.add(note);
			System.out.println("[bench]   " + note);
		}

		private static String abbreviate(String body) {
			return body.length() > 600 ? body.substring(0, 600) + "…" : body;
		}
	}

	/** A fresh database: an H2 file under {@code bench.out}, or a new schema in PostgreSQL. */
	static final class Database {
		final String name;
		final List<String> args;
		final Map<String, String> env;
		final String schema;
		/** The harness' own connection to the same database (to see HAPI's background jobs). */
		final String jdbcUrl;
		final String user;
		final String password;

		private Database(String name, List<String> args, Map<String, String> env, String schema, String jdbcUrl,
				String user, String password) {
			this.name = name;
			this.args = args;
			this.env = env;
			this.schema = schema;
			this.jdbcUrl = jdbcUrl;
			this.user = user;
			this.password = password;
		}

		/**
		 * Waits until HAPI has no unfinished batch job (e.g. the REINDEX jobs that installing Karta's
		 * SearchParameters submits): such a job works through every stored plan in the background and
		 * would be measured as part of whichever configuration happens to run meanwhile.
		 */
		/**
		 * Cancels HAPI's unfinished batch jobs (HAPI's own cancel flag, acted on by its job maintenance):
		 * on the benchmark's fresh database they are the REINDEX jobs of Karta's newly installed
		 * SearchParameters, with nothing to reindex yet, but they would go on to reindex the loaded plans
		 * slowly in the background while configurations are measured.
		 */
		void cancelBackgroundJobs() throws Exception {
			try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
					Statement st = c.createStatement()) {
				int cancelled = st.executeUpdate("UPDATE " + (schema == null ? "" : schema + ".")
						+ "BT2_JOB_INSTANCE SET JOB_CANCELLED = TRUE WHERE STAT NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')");
				System.out.println("[bench] " + name + ": cancelled " + cancelled + " background job(s) of the first start");
			}
		}

		void awaitBackgroundJobs(Duration limit) throws Exception {
			Instant deadline = Instant.now().plus(limit);
			String sql = "SELECT COUNT(*) FROM " + (schema == null ? "" : schema + ".")
					+ "BT2_JOB_INSTANCE WHERE STAT NOT IN ('COMPLETED', 'FAILED', 'CANCELLED')";
			int open = -1;
			while (Instant.now().isBefore(deadline)) {
				try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
						Statement st = c.createStatement();
						java.sql.ResultSet rs = st.executeQuery(sql)) {
					rs.next();
					open = rs.getInt(1);
				}
				if (open == 0) {
					return;
				}
				Thread.sleep(2000);
			}
			System.out.println("[bench] " + name + ": still " + open + " unfinished background job(s) after " + limit);
		}

		static Database prepare(String db, Settings s) throws Exception {
			switch (db) {
				case "h2" -> {
					Path dir = s.out().resolve("db").resolve("h2").toAbsolutePath();
					deleteRecursively(dir);
					Files.createDirectories(dir);
					// AUTO_SERVER: the harness may look into the database while the server holds it
					String url = "jdbc:h2:file:" + dir.resolve("karta") + ";AUTO_SERVER=TRUE";
					return new Database(db, List.of("--spring.datasource.url=" + url), Map.of(), null, url, "sa", "");
				}
				case "postgres" -> {
					String schema = "bench_" + System.currentTimeMillis();
					try (Connection c = DriverManager.getConnection(s.pgUrl(), s.pgUser(), s.pgPassword());
							Statement st = c.createStatement()) {
						st.execute("CREATE SCHEMA " + schema);
					}
					Map<String, String> env = new LinkedHashMap<>();
					env.put("KARTA_DB_URL", s.pgUrl() + "?currentSchema=" + schema);
					env.put("KARTA_DB_USER", s.pgUser());
					env.put("KARTA_DB_PASSWORD", s.pgPassword());
					// A runs as on H2 (the embedded default: security off, audit on); the postgres profile
					// refuses that unless told otherwise, so that production never starts open by mistake
					return new Database(db, List.of("--spring.profiles.active=postgres",
							"--karta.security.enabled=false", "--karta.security.required-profiles="), env, schema,
							s.pgUrl(), s.pgUser(), s.pgPassword());
				}
				default -> throw new IllegalArgumentException("Unknown bench.dbs entry " + db + " (h2, postgres)");
			}
		}

		void cleanUp(Settings s) throws Exception {
			if (schema != null && !s.keepSchema()) {
				try (Connection c = DriverManager.getConnection(s.pgUrl(), s.pgUser(), s.pgPassword());
						Statement st = c.createStatement()) {
					st.execute("DROP SCHEMA " + schema + " CASCADE");
				}
			}
		}

		private static void deleteRecursively(Path dir) throws IOException {
			if (Files.exists(dir)) {
				try (var paths = Files.walk(dir)) {
					for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
						Files.delete(p);
					}
				}
			}
		}
	}
}
