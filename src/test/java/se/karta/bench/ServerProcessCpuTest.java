package se.karta.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's CPU accounting per thread group (read from {@code /proc} of this test's own JVM). */
class ServerProcessCpuTest {

	@Test
	void threadNamesAreGroupedAsHotSpotNamesThem() {
		assertThat(ServerProcess.Threads.of("C2 CompilerThre")).isEqualTo(ServerProcess.Threads.JIT);
		assertThat(ServerProcess.Threads.of("C1 CompilerThre")).isEqualTo(ServerProcess.Threads.JIT);
		assertThat(ServerProcess.Threads.of("GC Thread#1")).isEqualTo(ServerProcess.Threads.GC);
		assertThat(ServerProcess.Threads.of("G1 Conc#0")).isEqualTo(ServerProcess.Threads.GC);
		assertThat(ServerProcess.Threads.of("G1 Refine#0")).isEqualTo(ServerProcess.Threads.GC);
		assertThat(ServerProcess.Threads.of("http-nio-18080-")).isEqualTo(ServerProcess.Threads.OTHER);
		assertThat(ServerProcess.Threads.of("karta-validatio")).isEqualTo(ServerProcess.Threads.OTHER);
		assertThat(ServerProcess.Threads.of("VM Thread")).isEqualTo(ServerProcess.Threads.OTHER);
	}

	@Test
	void workOnAnOrdinaryThreadCountsInTheTotalAndNotAsJitOrGc() throws Exception {
		long pid = ProcessHandle.current().pid();
		ServerProcess.CpuTimes before = ServerProcess.cpuTimes(pid);
		long threadCpuBefore = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		long sink = 0;
		while (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpuBefore
				< 300_000_000L) {
			for (int i = 0; i < 100_000; i++) {
				sink += Long.rotateLeft(sink ^ i, 7);
			}
		}
		ServerProcess.CpuTimes used = ServerProcess.cpuTimes(pid).since(before);

		assertThat(sink).isNotEqualTo(42); // keeps the loop
		assertThat(used.total()).isGreaterThanOrEqualTo(0.25);
		assertThat(used.jit()).isGreaterThanOrEqualTo(0);
		assertThat(used.gc()).isGreaterThanOrEqualTo(0);
		// the burnt 300 ms are this test thread's, so they are outside the JIT and GC groups
		assertThat(used.total() - used.jit() - used.gc()).isGreaterThanOrEqualTo(0.25);
	}
}
