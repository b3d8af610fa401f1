package org.hallphone.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real window on a bare X server (Xvfb, no window manager), checked from outside: it covers the whole
 * screen at 1920x1080 and 1024x768, and still does after Escape and Alt+F4 typed with xdotool. The window runs
 * in a child JVM ({@link KioskXMain}) because this JVM's JavaFX is Monocle.
 */
class KioskXvfbTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Pattern WINDOW = Pattern.compile("\"Hallphone\".*?\\s(\\d+)x(\\d+)\\+(-?\\d+)\\+(-?\\d+)");

    private final List<Process> started = new ArrayList<>();
    private final List<String> childOut = new CopyOnWriteArrayList<>();
    private String display;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            try {
                p.getOutputStream().close(); // the kiosk child exits cleanly when its stdin closes
            } catch (IOException ignored) {
                // already gone
            }
            if (!p.waitFor(p == started.get(0) ? 0 : 5, TimeUnit.SECONDS)) {
                p.destroy();
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1920, 1080", "1024, 768"})
    void coversTheWholeScreenWithoutWindowManagerAndKeysDoNotChangeThat(int w, int h) throws Exception {
        String xvfb = Peers.require("Xvfb");
        String xwininfo = Peers.require("xwininfo");
        String xdotool = Peers.require("xdotool");
        startXvfb(xvfb, w, h);
        Process child = startKiosk(w, h);

        Wait.until("the window to cover " + w + "x" + h + " (" + childOut + ")", WAIT,
                () -> covers(xwininfo, w, h));
        String id = run(xdotool, "search", "--name", "^Hallphone$").strip().split("\\s+")[0];
        run(xdotool, "windowfocus", "--sync", id);
        run(xdotool, "key", "Escape");
        run(xdotool, "key", "alt+F4");
        run(xdotool, "key", "F11");
        Thread.sleep(1000);
        assertTrue(child.isAlive(), "the kiosk is still running");
        assertTrue(covers(xwininfo, w, h), "after Escape, Alt+F4 and F11: " + windowLine(xwininfo)
                + " child: " + childOut);
        String last = childOut.stream().filter(l -> l.startsWith("STATE")).reduce((a, b) -> b).orElse("");
        assertTrue(last.contains(w + "x" + h + "+0+0") && last.contains("showing=true"), last);
    }

    private void startXvfb(String xvfb, int w, int h) throws IOException {
        // -displayfd 1: Xvfb picks a free display number itself and writes it to stdout, so parallel runs never
        // collide.
        Process x = new ProcessBuilder(xvfb, "-displayfd", "1", "-screen", "0", w + "x" + h + "x24", "-nolisten",
                "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(x);
        BufferedReader out = new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.UTF_8));
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            fail("Xvfb did not report its display: " + number);
        }
        display = ":" + number.strip();
    }

    private Process startKiosk(int w, int h) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createDirectories(Path.of("target", "xvfb")).resolve("kiosk-" + w + "x" + h + ".log");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dprism.order=sw", "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile",
                "src/test/resources/logback-test.xml"), KioskXMain.class.getName());
        pb.environment().put("DISPLAY", display);
        pb.redirectError(log.toFile());
        Process child = pb.start();
        started.add(child);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    childOut.add(line);
                }
            } catch (IOException ignored) {
                // the child ended
            }
        }, "kiosk-child-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    private boolean covers(String xwininfo, int w, int h) {
        Matcher m = WINDOW.matcher(windowLine(xwininfo));
        return m.find() && Integer.parseInt(m.group(1)) == w && Integer.parseInt(m.group(2)) == h
                && Integer.parseInt(m.group(3)) == 0 && Integer.parseInt(m.group(4)) == 0;
    }

    /** The line of {@code xwininfo -root -tree} that describes the kiosk window. */
    private String windowLine(String xwininfo) {
        try {
            return run(xwininfo, "-root", "-tree").lines().filter(l -> l.contains("\"Hallphone\""))
                    .findFirst().orElse("(no window titled Hallphone)");
        } catch (IOException | InterruptedException e) {
            return "(xwininfo failed: " + e + ")";
        }
    }

    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
