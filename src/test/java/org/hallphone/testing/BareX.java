package org.hallphone.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare X server (Xvfb, no window manager) with a JVM child showing a window on it, checked from outside with
 * xwininfo and driven with xdotool, as a kiosk session with no window manager would run it.
 */
public final class BareX implements AutoCloseable {

    private static final Pattern WINDOW = Pattern.compile("\"Hallphone\".*?\\s(\\d+)x(\\d+)\\+(-?\\d+)\\+(-?\\d+)");

    private final List<Process> started = new ArrayList<>();
    private final List<String> childOut = new CopyOnWriteArrayList<>();
    private final String xwininfo;
    private final String xdotool;
    private final String display;

    /**
     * Starts Xvfb with one screen of {@code width}x{@code height}; it picks a free display number itself
     * ({@code -displayfd}), and the server is used only once it answers. {@code -noreset}: a bare X server resets
     * whenever its last client leaves (each xwininfo probe is one), refusing connections meanwhile.
     */
    public BareX(int width, int height) throws IOException {
        String xvfb = Peers.require("Xvfb");
        xwininfo = Peers.require("xwininfo");
        xdotool = Peers.require("xdotool");
        String found = null;
        for (int attempt = 0; attempt < 3 && found == null; attempt++) {
            Process x = new ProcessBuilder(xvfb, "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                    "-nolisten", "tcp", "-noreset").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            started.add(x);
            BufferedReader out = new BufferedReader(new InputStreamReader(x.getInputStream(), StandardCharsets.UTF_8));
            String number = out.readLine();
            if (number != null && number.strip().matches("\\d+") && answers(":" + number.strip(), x)) {
                found = ":" + number.strip();
            } else {
                started.remove(x);
                x.destroyForcibly();
            }
        }
        if (found == null) {
            close();
            fail("Xvfb did not start a display that answers");
        }
        display = found;
    }

    /** True once {@code xwininfo -root} can talk to the display, within 10 s, while the server lives. */
    private boolean answers(String candidate, Process server) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && server.isAlive()) {
            try {
                ProcessBuilder pb = new ProcessBuilder(xwininfo, "-root").redirectErrorStream(true);
                pb.environment().put("DISPLAY", candidate);
                Process probe = pb.start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return true;
                }
                Thread.sleep(100);
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Runs {@code mainClass} in a child JVM on this display (software rendering, the test class path). */
    public Process startJava(String mainClass, Path stderr, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dprism.order=sw", "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile",
                        "src/test/resources/logback-test.xml"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DISPLAY", display);
        pb.redirectError(stderr.toFile());
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
        }, "bare-x-child-output");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /** What the children printed on standard output so far. */
    public List<String> childOutput() {
        return List.copyOf(childOut);
    }

    /** True when the window titled "Hallphone" sits at 0,0 with exactly this size. */
    public boolean covers(int width, int height) {
        Matcher m = WINDOW.matcher(windowLine());
        return m.find() && Integer.parseInt(m.group(1)) == width && Integer.parseInt(m.group(2)) == height
                && Integer.parseInt(m.group(3)) == 0 && Integer.parseInt(m.group(4)) == 0;
    }

    /** The line of {@code xwininfo -root -tree} that describes the kiosk window. */
    public String windowLine() {
        try {
            return run(xwininfo, "-root", "-tree").lines().filter(l -> l.contains("\"Hallphone\""))
                    .findFirst().orElse("(no window titled Hallphone)");
        } catch (IOException | InterruptedException e) {
            return "(xwininfo failed: " + e + ")";
        }
    }

    /** Focuses the kiosk window and types each key (xdotool names, e.g. {@code alt+F4}). */
    public void type(String... keys) throws IOException, InterruptedException {
        String id = run(xdotool, "search", "--name", "^Hallphone$").strip().split("\\s+")[0];
        run(xdotool, "windowfocus", "--sync", id);
        for (String key : keys) {
            run(xdotool, "key", key);
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

    /** Ends the children (closing their stdin first, then SIGTERM, then SIGKILL) and the X server. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            try {
                p.getOutputStream().close();
                if (!p.waitFor(i == 0 ? 0 : 3, TimeUnit.SECONDS)) {
                    p.destroy();
                }
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (IOException | InterruptedException ignored) {
                p.destroyForcibly();
            }
        }
    }
}
