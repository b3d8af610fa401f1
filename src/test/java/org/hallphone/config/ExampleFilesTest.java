package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The annotated example a technician copies and the embedded demo configuration both load. */
class ExampleFilesTest {

    @TempDir
    Path dir;

    static Path example() {
        return projectDir().resolve("kiosk-config/kiosk.properties");
    }

    private static Path projectDir() {
        return Path.of(System.getProperty("hallphone.project.dir", "."));
    }

    @Test
    void theExampleLoadsWithRealisticValues() throws ConfigException {
        KioskConfig config = ConfigLoader.load(example());
        assertEquals("ivanovo-onco-hall1", config.terminal().id());
        assertEquals("Онкодиспансер, холл 1", config.terminal().name());
        assertEquals(List.of("sip:reps-ivanovo@pbx.example.org", "sip:reps-reserve@pbx.example.org"),
                config.call().targets());
        assertEquals(6, config.call().hours().spans().size());
        assertEquals(8, config.call().holidays().size());
        assertTrue(config.sip().registers());
    }

    @Test
    void theExampleNamesEveryKeyOnceWithACommentAbove() throws Exception {
        List<String> lines = Files.readAllLines(example(), StandardCharsets.UTF_8);
        List<String> keysInFile = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('='));
            keysInFile.add(key);
            assertTrue(i > 0 && lines.get(i - 1).startsWith("# "), "no comment above " + key);
        }
        assertEquals(Keys.ALL.stream().map(Key::name).toList(), keysInFile);
    }

    @Test
    void theExampleStatesEachDefault() throws Exception {
        String text = Files.readString(example(), StandardCharsets.UTF_8);
        for (Key<?> key : Keys.ALL) {
            int at = text.indexOf("\n" + key.name() + "=");
            String comment = text.substring(text.lastIndexOf("\n\n", at), at);
            assertTrue(comment.contains(key.required() ? "Required." : "Default: "), key.name() + comment);
            if (!key.required() && !key.defaultText().isEmpty()) {
                assertTrue(comment.toLowerCase(Locale.ROOT).contains("default: " + key.defaultText().toLowerCase(
                        Locale.ROOT)), key.name() + comment);
            }
        }
    }

    @Test
    void theDemoIsPackagedAndLoads() {
        KioskConfig demo = ConfigLoader.demo();
        assertEquals(Path.of("classpath:org/hallphone/config/demo.properties"), demo.source());
        assertTrue(demo.handset().simulated());
        assertEquals(List.of("sip:reps@127.0.0.1:15062"), demo.call().targets());
        assertEquals(15060, demo.sip().localPort());
        assertFalse(demo.sip().registers());
        assertEquals("", demo.audio().playbackDevice());
        assertEquals(Path.of(System.getProperty("user.home"), ".local/share/hallphone/demo-calls"),
                demo.calllog().dir());
        assertEquals("127.0.0.1:8787", demo.health().listen());
        assertEquals("Страховая компания «Пример»", demo.ui().organisation());
        assertEquals("8-800-100-00-00", demo.ui().hotline());
    }

    @Test
    void theDemoTakesOverrides() throws ConfigException {
        KioskConfig demo = ConfigLoader.demo(Map.of("sip.local-port", "0", "calllog.dir", dir.toString(),
                "health.listen", ""));
        assertEquals(0, demo.sip().localPort());
        assertEquals(dir, demo.calllog().dir());
        assertFalse(demo.health().enabled());
    }

    @Test
    void thePackagedDemoIsTheFileInKioskConfig() throws Exception {
        KioskConfig fromFile = ConfigLoader.load(projectDir().resolve("kiosk-config/demo.properties"));
        KioskConfig packaged = ConfigLoader.demo();
        assertEquals(fromFile.terminal(), packaged.terminal());
        assertEquals(fromFile.call(), packaged.call());
        assertEquals(fromFile.ui(), packaged.ui());
    }
}
