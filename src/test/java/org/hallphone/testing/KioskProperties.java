package org.hallphone.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hallphone.config.ConfigException;
import org.hallphone.config.ConfigLoader;
import org.hallphone.config.KioskConfig;

/**
 * The one way tests build a configuration: the keys of {@code kiosk.properties} as a technician writes them, which
 * are either written to a file (whole-terminal tests start from the file) or read by the real {@link ConfigLoader}
 * (so every test configuration also checks the keys, their parsing and their defaults). Keys are written in the
 * order they were first set, one per line, with nothing before them: line {@code n} of the file is the
 * {@code n}-th key.
 *
 * <pre>{@code
 * Path file = KioskProperties.terminal(dir, serial.a(), sipp.target()).set("call.cycles", 2).writeIn(dir);
 * KioskConfig config = KioskProperties.unit(dir).set("handset.dial-delay-ms", 1500).load();
 * }</pre>
 */
public final class KioskProperties {

    private final Map<String, String> keys = new LinkedHashMap<>();

    private KioskProperties() {
    }

    /** Only the four keys the loader requires: a terminal called hall-1 with a simulated handset. */
    public static KioskProperties required() {
        return new KioskProperties()
                .set("terminal.id", "hall-1")
                .set("terminal.name", "Холл")
                .set("handset.port", "simulated")
                .set("call.targets", "sip:reps@pbx.example");
    }

    /**
     * A whole terminal on loopback: the handset (a text device) on {@code handsetPort}, {@code target} as the only
     * target rung for 5 s in one cycle, no sound card, the call log in {@code dir/calls}.
     */
    public static KioskProperties terminal(Path dir, Path handsetPort, String target) {
        return new KioskProperties()
                .set("terminal.id", "e2e-hall1")
                .set("terminal.name", "Поликлиника №1, холл")
                .set("handset.port", handsetPort)
                .set("handset.mode", "text")
                .set("handset.debounce-ms", 20)
                .set("sip.local-address", "127.0.0.1")
                .set("sip.local-port", 0)
                .set("call.targets", target)
                .set("call.ring-timeout-s", 5)
                .set("call.cycles", 1)
                .set("audio.playback-device", "null-device")
                .set("audio.capture-device", "null-device")
                .set("calllog.dir", dir.resolve("calls"));
    }

    /**
     * The configuration of unit tests that need no peer: a simulated handset polled every 200 ms, SIP on a free
     * loopback port, one target, no sound card, the call log in {@code calllogDir} kept without a retention limit;
     * the documented defaults otherwise.
     */
    public static KioskProperties unit(Path calllogDir) {
        return new KioskProperties()
                .set("terminal.id", "test-terminal")
                .set("terminal.name", "Тестовый терминал")
                .set("handset.port", "simulated")
                .set("handset.poll-ms", 200)
                .set("sip.local-address", "127.0.0.1")
                .set("sip.local-port", 0)
                .set("sip.keepalive-s", 25)
                .set("call.targets", "sip:reps@127.0.0.1:5062")
                .set("audio.playback-device", "null-device")
                .set("audio.capture-device", "null-device")
                .set("calllog.dir", calllogDir)
                .set("calllog.retention-days", 0)
                .set("ui.organisation", "Страховая компания «Пример»")
                .set("ui.hotline", "8-800-100-00-00")
                .set("ui.office-address", "Холл 1, окно 3")
                .set("ui.office-hours", "пн–пт 08:00–20:00");
    }

    /** Sets {@code key} (replacing its value in place if it was set before). */
    public KioskProperties set(String key, Object value) {
        keys.put(key, String.valueOf(value));
        return this;
    }

    /** Sets each {@code key=value} line, as they would be written in the file. */
    public KioskProperties lines(String... lines) {
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a key=value line: " + line);
            }
            set(line.substring(0, eq), line.substring(eq + 1));
        }
        return this;
    }

    /** Leaves {@code key} out, so that the loader's default (or its error for a required key) applies. */
    public KioskProperties remove(String key) {
        keys.remove(key);
        return this;
    }

    /** The file's text: one {@code key=value} line per key, in the order they were first set. */
    public String text() {
        StringBuilder text = new StringBuilder();
        keys.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** Writes the keys to {@code file} (UTF-8) and returns it. */
    public Path writeTo(Path file) {
        try {
            Files.writeString(file, text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Writes {@code dir/kiosk.properties} and returns it. */
    public Path writeIn(Path dir) {
        return writeTo(dir.resolve("kiosk.properties"));
    }

    /** The configuration as the real loader reads these keys; fails the test with the loader's message if invalid. */
    public KioskConfig load() {
        try {
            return ConfigLoader.load(new StringReader(text()), "test.properties");
        } catch (ConfigException e) {
            throw new AssertionError("the test's configuration is invalid:\n" + e.getMessage(), e);
        }
    }
}
