package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;
import org.hallphone.call.CallState;
import org.hallphone.config.ConfigLoader;
import org.hallphone.media.AudioDevice;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.KioskProperties;
import org.hallphone.testing.SocatPair;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test: a day's worth of short answered calls in a row through the whole terminal (pty handset,
 * sipp echoing RTP), measuring whether threads, file descriptors and heap stay flat. Writes the figures to
 * {@code target/benchmarks/soak.txt}. The audio device is the null device, so nothing the test keeps grows. Run with {@code mvn test -Dgroups=benchmark -Dtest=SoakBenchmark}
 * ({@code -Dhallphone.soak.calls=N}, default 200).
 */
@Tag("benchmark")
class SoakBenchmark {

    private static final int WARM_UP = 10;

    @TempDir
    Path dir;

    @Test
    void threadsFilesAndHeapStayFlatOverManyCalls() throws Exception {
        int calls = Integer.getInteger("hallphone.soak.calls", 200);
        try (Sipp sipp = Sipp.uas("uas", "-rtp_echo", "-m", Integer.toString(calls + WARM_UP), "-timeout", "3600");
             SocatPair serial = new SocatPair(dir).start()) {
            Path config = KioskProperties.terminal(dir, serial.a(), sipp.target()).writeIn(dir);
            try (Terminal terminal = Terminal.start(ConfigLoader.load(config), false, Clock.systemDefaultZone(),
                    AudioDevice.silent())) {
                Wait.until("the handset port", Duration.ofSeconds(10), () -> terminal.handset().connected());
                Sample before = null;
                long started = 0;
                for (int i = 0; i < calls + WARM_UP; i++) {
                    if (i == WARM_UP) {
                        before = Sample.take();
                        started = System.nanoTime();
                    }
                    serial.write("OFFHOOK\n");
                    Wait.until("call " + i + " answered", Duration.ofSeconds(15),
                            () -> terminal.calls().snapshot().state() == CallState.TALKING);
                    Thread.sleep(300);
                    serial.write("ONHOOK\n");
                    Wait.until("call " + i + " over", Duration.ofSeconds(15),
                            () -> terminal.calls().snapshot().state() == CallState.IDLE);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                Thread.sleep(40_000); // finished transactions are kept for timer J/D (32 s, RFC 3261 §17) first
                Sample after = Sample.take();
                assertEquals(calls + WARM_UP, terminal.callLog().recent(calls + WARM_UP).size(), "every call logged");
                String report = String.format(Locale.ROOT,
                        "%d answered calls in %.0f s after %d warm-up calls%n"
                                + "threads: %d -> %d%nopen file descriptors: %d -> %d%n"
                                + "heap used after GC: %.1f MB -> %.1f MB%n",
                        calls, seconds, WARM_UP, before.threads, after.threads, before.files, after.files,
                        before.heapMb, after.heapMb);
                System.out.print(report);
                Path out = Path.of(System.getProperty("hallphone.project.dir", "."), "target", "benchmarks");
                Files.createDirectories(out);
                Files.writeString(out.resolve("soak.txt"), report);
            }
        }
    }

    /** Threads, open files and heap of this JVM at one moment (after a full GC). */
    private record Sample(int threads, long files, double heapMb) {
        static Sample take() throws Exception {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            long files;
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                files = fds.count();
            }
            return new Sample(ManagementFactory.getThreadMXBean().getThreadCount(), files,
                    memory.getHeapMemoryUsage().getUsed() / 1e6);
        }
    }
}
