package se.karta.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One Karta server as its own JVM: started from the jar, timed to its first {@code /fhir/metadata}, stopped. */
final class ServerProcess implements AutoCloseable {

	private final Process process;
	private final String base;
	private final double startupSeconds;

	private ServerProcess(Process process, String base, double startupSeconds) {
		this.process = process;
		this.base = base;
		this.startupSeconds = startupSeconds;
	}

	/**
	 * Starts {@code java jvmArgs -jar jar --server.port=port args} with {@code env} added, and waits for
	 * {@code GET /fhir/metadata} to answer 200 (at most {@code timeout}).
	 */
	static ServerProcess start(Path jar, List<String> jvmArgs, List<String> args, Map<String, String> env, int port,
			Path log, Duration timeout) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArgs);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.addAll(args);
		Files.createDirectories(log.getParent());
		Files.writeString(log, String.join(" ", command) + System.lineSeparator());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(env);
		String base = "http://127.0.0.1:" + port + "/fhir";
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest metadata = HttpRequest.newBuilder(URI.create(base + "/metadata"))
				.timeout(Duration.ofSeconds(30)).header("Accept", "application/fhir+json").build();
		long started = System.nanoTime();
		Process process = builder.start();
		long deadline = started + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Server exited with " + process.exitValue() + "; see " + log);
			}
			try {
				if (client.send(metadata, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					double seconds = (System.nanoTime() - started) / 1e9;
					return new ServerProcess(process, base, seconds);
				}
			} catch (IOException notYet) {
				// not listening yet
			}
			Thread.sleep(100);
		}
		process.destroyForcibly();
		throw new IllegalStateException("Server did not answer /fhir/metadata within " + timeout + "; see " + log);
	}

	String base() {
		return base;
	}

	double startupSeconds() {
		return startupSeconds;
	}

	long pid() {
		return process.pid();
	}

	/**
	 * CPU seconds the server process has used so far (user + system, all threads, from
	 * {@code /proc/PID/stat}); deltas over a phase are robust against other load on the machine.
	 */
	double cpuSeconds() throws IOException {
		return processSeconds(process.pid());
	}

	private static double processSeconds(long pid) throws IOException {
		return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / (double) CLOCK_TICKS;
	}

	/**
	 * CPU seconds so far of the whole process and of two groups of its threads: HotSpot's JIT compiler
	 * threads ({@code C1/C2 CompilerThread}) and its garbage collector's ({@code GC Thread}, {@code G1 ...}),
	 * from {@code /proc/PID/task/TID/{comm,stat}}. The JIT's share says whether the server is warm: on
	 * 2 cores a compiler thread still busy takes a core from the requests.
	 */
	CpuTimes cpuTimes() throws IOException {
		return cpuTimes(process.pid());
	}

	/** {@link #cpuTimes()} of any process of this machine. */
	static CpuTimes cpuTimes(long pid) throws IOException {
		double total = processSeconds(pid);
		long jit = 0;
		long gc = 0;
		try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			for (Path task : (Iterable<Path>) tasks::iterator) {
				try {
					Threads group = Threads.of(Files.readString(task.resolve("comm")).trim());
					long ticks = ticks(Files.readString(task.resolve("stat")));
					if (group == Threads.JIT) {
						jit += ticks;
					} else if (group == Threads.GC) {
						gc += ticks;
					}
				} catch (java.nio.file.NoSuchFileException ended) {
					// the thread ended while we looked; its time stays in the process total
				}
			}
		}
		return new CpuTimes(total, jit / (double) CLOCK_TICKS, gc / (double) CLOCK_TICKS);
	}

	/** The HotSpot threads whose CPU time is counted apart, by their name in {@code /proc/.../comm} (15 characters). */
	enum Threads {
		JIT, GC, OTHER;

		static Threads of(String comm) {
			if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
				return JIT;
			}
			return comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? GC : OTHER;
		}
	}

	/** CPU seconds of the process, of its JIT compiler threads and of its garbage collector threads. */
	record CpuTimes(double total, double jit, double gc) {
		CpuTimes since(CpuTimes before) {
			return new CpuTimes(total - before.total, jit - before.jit, gc - before.gc);
		}
	}

	/** utime + stime of a {@code stat} line (fields 14 and 15; the name in parentheses may hold spaces). */
	private static long ticks(String stat) {
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** USER_HZ, 100 on Linux unless the kernel says otherwise ({@code getconf CLK_TCK}). */
	private static final long CLOCK_TICKS = Long.getLong("bench.clockTicks", 100);

	/** Resident set size in MiB, from {@code /proc/PID/status} (VmRSS). */
	double rssMiB() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				String[] parts = line.trim().split("\\s+");
				return Long.parseLong(parts[1]) / 1024.0; // kB
			}
		}
		throw new IllegalStateException("No VmRSS for " + process.pid());
	}

	/** SIGTERM (a clean Spring shutdown, which also closes H2 and writes a JFR recording), then kill after 60 s. */
	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}
}
