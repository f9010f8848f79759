package se.karta.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code results.json} (everything) and {@code results.md} (the figures, ratios A/B and C/A, and goals). */
final class BenchReport {

	/** A figure in a configuration's results, e.g. {@code create1.meanMs}, and the goal on its ratios. */
	record Metric(String path, String label, Double maxAOverB, Double minCOverA) {}

	private BenchReport() {}

	static List<Metric> metrics(Map<String, Object> configs) {
		List<Metric> metrics = new ArrayList<>();
		metrics.add(new Metric("startupSeconds", "startup to first /fhir/metadata (s)", 1.2, null));
		metrics.add(new Metric("rssAfterStartupMiB", "RSS after startup (MiB)", 1.2, null));
		metrics.add(new Metric("rssAfterWorkloadMiB", "RSS after workload (MiB)", 1.2, null));
		List<String> creates = configs.values().stream().findFirst()
				.map(c -> ((Map<?, ?>) c).keySet().stream().map(Object::toString).filter(k -> k.startsWith("create")).toList())
				.orElse(List.of());
		for (String create : creates) {
			String clients = create.substring("create".length());
			metrics.add(new Metric(create + ".meanMs", "create SIP bundle, " + clients + " client(s): mean latency (ms)", 1.25, 5.0));
			metrics.add(new Metric(create + ".p95Ms", "create SIP bundle, " + clients + " client(s): p95 (ms)", null, null));
			metrics.add(new Metric(create + ".wallMsPerBundle", "create SIP bundle, " + clients + " client(s): wall ms per bundle", 1.25, 5.0));
			metrics.add(new Metric(create + ".untilIdleMsPerOp", "create SIP bundle, " + clients + " client(s): wall ms per bundle until the server is idle (sustained)", 1.25, 5.0));
			metrics.add(new Metric(create + ".cpuMsPerOp", "create SIP bundle, " + clients + " client(s): server CPU ms per bundle (until idle)", null, null));
			metrics.add(new Metric(create + ".cpuMsPerOpWithoutJit", "create SIP bundle, " + clients + " client(s): server CPU ms per bundle without the JIT compiler", null, null));
			metrics.add(new Metric(create + ".jitCpuMsPerOp", "create SIP bundle, " + clients + " client(s): JIT compiler CPU ms per bundle", null, null));
			metrics.add(new Metric(create + ".drainSeconds", "create SIP bundle, " + clients + " client(s): server busy after the last answer (s)", null, null));
		}
		metrics.add(new Metric("search.p50Ms", "search plan + _include care team: p50 (ms)", null, null));
		metrics.add(new Metric("search.p95Ms", "search plan + _include care team: p95 (ms)", 1.1, null));
		metrics.add(new Metric("search.p99Ms", "search plan + _include care team: p99 (ms)", null, null));
		metrics.add(new Metric("search.cpuMsPerOp", "search plan + _include care team: server CPU ms per search (until idle)", null, null));
		metrics.add(new Metric("search.jitCpuMsPerOp", "search plan + _include care team: JIT compiler CPU ms per search", null, null));
		metrics.add(new Metric("warmup.rounds", "warm-up rounds until the JIT was quiet", null, null));
		metrics.add(new Metric("warmup.seconds", "warm-up (s)", null, null));
		metrics.add(new Metric("validate.p50Ms", "$validate example CarePlan: median (ms)", null, null));
		metrics.add(new Metric("validate.p95Ms", "$validate example CarePlan: p95 (ms)", null, null));
		return metrics;
	}

	static Map<String, Object> ratios(Map<String, Object> configs) {
		Map<String, Object> ratios = new LinkedHashMap<>();
		for (Metric m : metrics(configs)) {
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("A/B", ratio(configs, "A", "B", m.path()));
			r.put("C/A", ratio(configs, "C", "A", m.path()));
			if (m.maxAOverB() != null) {
				r.put("goal A/B <=", m.maxAOverB());
			}
			if (m.minCOverA() != null) {
				r.put("goal C/A >=", m.minCOverA());
			}
			ratios.put(m.path(), r);
		}
		return ratios;
	}

	static void write(Map<String, Object> results, Path out) throws IOException {
		Files.createDirectories(out);
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), results);
		Files.writeString(out.resolve("results.md"), markdown(results));
	}

	@SuppressWarnings("unchecked")
	static String markdown(Map<String, Object> results) {
		StringBuilder md = new StringBuilder("# Karta benchmark results\n\n");
		md.append("Run ").append(results.get("started")).append(" – ").append(results.getOrDefault("finished", "(unfinished)"))
				.append(". Settings: `").append(results.get("settings")).append("`\n\n");
		md.append("A = Karta as shipped; B = plain HAPI JPA (Karta switched off); C = B + HAPI's stock RequestValidatingInterceptor.\n");
		md.append("Ratios marked ✗ miss their goal (A/B at most, C/A at least).\n");
		Map<String, Object> databases = (Map<String, Object>) results.get("databases");
		for (Map.Entry<String, Object> db : databases.entrySet()) {
			Map<String, Object> d = (Map<String, Object>) db.getValue();
			Map<String, Object> configs = (Map<String, Object>) d.get("configs");
			md.append("\n## ").append(db.getKey()).append("\n\n");
			md.append("Loaded: ").append(d.get("load")).append("\n\n");
			md.append("| figure | A | B | C | A/B | goal | C/A | goal |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
			for (Metric m : metrics(configs)) {
				Double a = value(configs, "A", m.path());
				Double b = value(configs, "B", m.path());
				Double c = value(configs, "C", m.path());
				Double ab = ratio(a, b);
				Double ca = ratio(c, a);
				md.append("| ").append(m.label()).append(" | ").append(fmt(a)).append(" | ").append(fmt(b)).append(" | ")
						.append(fmt(c)).append(" | ").append(fmt(ab)).append(mark(ab, m.maxAOverB(), true)).append(" | ")
						.append(m.maxAOverB() == null ? "" : "≤ " + m.maxAOverB()).append(" | ")
						.append(fmt(ca)).append(mark(ca, m.minCOverA(), false)).append(" | ")
						.append(m.minCOverA() == null ? "" : "≥ " + m.minCOverA()).append(" |\n");
			}
			md.append("\nHTTP statuses:\n\n");
			for (Map.Entry<String, Object> config : configs.entrySet()) {
				Map<String, Object> c = (Map<String, Object>) config.getValue();
				md.append("- ").append(config.getKey()).append(":");
				for (Map.Entry<String, Object> e : c.entrySet()) {
					if (e.getValue() instanceof Map<?, ?> w && w.containsKey("statuses")) {
						md.append(" ").append(e.getKey()).append(" ").append(w.get("statuses")).append(";");
					}
				}
				md.append("\n");
			}
		}
		return md.toString();
	}

	private static String mark(Double ratio, Double goal, boolean atMost) {
		if (ratio == null || goal == null) {
			return "";
		}
		return (atMost ? ratio <= goal : ratio >= goal) ? " ✓" : " ✗";
	}

	private static String fmt(Double v) {
		return v == null ? "–" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
	}

	private static Double ratio(Map<String, Object> configs, String top, String bottom, String path) {
		return ratio(value(configs, top, path), value(configs, bottom, path));
	}

	private static Double ratio(Double top, Double bottom) {
		return top == null || bottom == null || bottom == 0 ? null : top / bottom;
	}

	@SuppressWarnings("unchecked")
	private static Double value(Map<String, Object> configs, String config, String path) {
		Object node = configs.get(config);
		for (String part : path.split("\\.")) {
			if (!(node instanceof Map<?, ?> map)) {
				return null;
			}
			node = ((Map<String, Object>) map).get(part);
		}
		return node instanceof Number number ? number.doubleValue() : null;
	}
}
