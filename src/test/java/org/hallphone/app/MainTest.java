package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hallphone.testing.KioskProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and what the technician reads. */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A configuration file with the four required keys on lines 1-4, then {@code lines} from line 5 on. */
    private Path config(String... lines) {
        return KioskProperties.required().lines(lines).writeIn(dir);
    }

    @Test
    void badConfigurationExitsTwoNamingFileLineAndKey() throws Exception {
        Path file = config("call.ring-timeout-s=soon", "sip.transprot=udp");
        assertEquals(2, run("--check-config", "--config", file.toString()));
        assertTrue(err().contains(file + ":5: call.ring-timeout-s:"), err());
        assertTrue(err().contains(file + ":6: sip.transprot: unknown key; did you mean sip.transport?"), err());

        err.reset();
        assertEquals(2, run("--headless", "--config", file.toString()), "the terminal refuses to start");
        assertTrue(err().contains("call.ring-timeout-s"), err());
    }

    @Test
    void theScreensOwnWordsAreCheckedLikeTheConfiguration() throws Exception {
        Path texts = Files.createDirectories(dir.resolve("texts"));
        Path ru = texts.resolve("messages_ru.properties");
        Files.writeString(ru, "ready.heading=Снимите трубку\ninfo.hotline=Горячая линия\n");
        Path file = config("ui.texts-dir=" + texts);
        assertEquals(2, run("--check-config", "--config", file.toString()));
        assertTrue(err().contains(ru + ":2: info.hotline: must use exactly the placeholders {0}"), err());
        Files.writeString(ru, "ready.heading=Снимите трубку\ninfo.hotline=Горячая линия «Заботы»: {0}\n");
        err.reset();
        assertEquals(0, run("--check-config", "--config", file.toString()), err());
    }

    @Test
    void checkConfigPrintsTheEffectiveConfigurationWithSecretsMasked() throws Exception {
        Path file = config("sip.registrar=pbx.example", "sip.password=very-secret-1");
        assertEquals(0, run("--check-config", "--config", file.toString()));
        assertTrue(out().contains("terminal.id=hall-1"), out());
        assertTrue(out().contains("call.ring-timeout-s=30"), out());
        assertTrue(out().contains("sip.password=******"), out());
        assertTrue(!out().contains("very-secret-1") && !err().contains("very-secret-1"));
    }

    @Test
    void theShippedExampleAndDemoConfigurationsAreValid() {
        Path example = Path.of(System.getProperty("hallphone.project.dir", "."), "kiosk-config", "kiosk.properties");
        assertEquals(0, run("--check-config", "--config", example.toString()), err());
        assertEquals(0, run("--check-config", "--demo"), err());
    }

    @Test
    void hashPinPrintsAValueTheConfigurationAccepts() throws Exception {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("246813\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, run("--hash-pin"));
        } finally {
            System.setIn(stdin);
        }
        String line = out().trim();
        assertTrue(line.startsWith("ui.service-pin-hash=pbkdf2$"), line);
        assertTrue(!line.contains("246813"), "the PIN itself is never printed");
        Path file = config(line);
        assertEquals(0, run("--check-config", "--config", file.toString()), err());
        config("ui.service-pin-hash=1234");
        assertEquals(2, run("--check-config", "--config", file.toString()));
        assertTrue(err().contains("ui.service-pin-hash: not a hash printed by --hash-pin"), err());
    }

    @Test
    void hashPinRefusesFewerThanSixDigits() throws Exception {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("2468\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(2, run("--hash-pin"));
        } finally {
            System.setIn(stdin);
        }
        assertEquals("", out().trim(), "no hash for a short PIN");
        assertTrue(err().contains("the PIN must be 6 to 12 digits"), err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("--no-such-option"));
        assertTrue(err().contains("unknown option: --no-such-option"), err());
        assertEquals(2, run("--config"));
        assertEquals(2, run("--version", "--check-config"));
    }

    @Test
    void versionAndHelp() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("Hallphone "), out());
        assertEquals(0, run("--help"));
        assertTrue(out().contains("--list-serial-ports"), out());
    }
}
