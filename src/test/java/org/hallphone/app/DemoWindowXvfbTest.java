package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hallphone.testing.BareX;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's demo command as a kiosk session runs it: {@code hallphone --demo} on a bare X server with no
 * window manager. From outside, the window covers the whole screen, and Escape and Alt+F4 change nothing.
 */
class DemoWindowXvfbTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void withoutAScreenTheDemoSaysSoAndExitsInsteadOfHanging() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("no-display.log");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                Main.class.getName(), "--demo", "--set", "sip.local-port=0",
                "--set", "call.targets=sip:reps@127.0.0.1:" + FreePorts.udpAndTcp(), "--set", "health.listen=",
                "--set", "calllog.dir=" + dir.resolve("calls"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process demo = pb.start();
        try {
            assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "the process ended: " + Files.readString(log));
            assertEquals(1, demo.exitValue(), Files.readString(log));
            assertTrue(Files.readString(log).contains("run with --headless"), Files.readString(log));
        } finally {
            demo.destroyForcibly();
        }
    }

    @ParameterizedTest
    @CsvSource({"1920, 1080", "1024, 768"})
    void demoCoversTheScreenAndIgnoresExitKeys(int w, int h) throws Exception {
        try (BareX x = new BareX(w, h)) {
            Path log = dir.resolve("demo.log");
            // Free ports, so that a demo already running on this machine does not collide with the test's.
            Process demo = x.startJava(Main.class.getName(), log, "--demo",
                    "--set", "sip.local-port=0",
                    "--set", "call.targets=sip:reps@127.0.0.1:" + FreePorts.udpAndTcp(),
                    "--set", "health.listen=",
                    "--set", "calllog.dir=" + dir.resolve("calls"));
            Wait.until("the demo window to cover " + w + "x" + h, WAIT, () -> x.covers(w, h) || !demo.isAlive());
            assertTrue(demo.isAlive(), "the demo ended: " + Files.readString(log));
            x.type("Escape", "alt+F4");
            Thread.sleep(1000);
            assertTrue(demo.isAlive(), "the demo still runs: " + Files.readString(log));
            assertTrue(x.covers(w, h), "still covers the screen: " + x.windowLine());
        }
    }
}
