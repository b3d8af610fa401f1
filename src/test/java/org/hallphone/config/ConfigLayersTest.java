package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Central files laid over the local one (provisioning): local < common < own, pins, and honest errors. */
class ConfigLayersTest {

    private static final String COMMON = "https://prov.example/hallphone/common.properties";
    private static final String OWN = "https://prov.example/hallphone/hall1.properties";

    @TempDir
    Path dir;

    private Path local(String extra) throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, ConfigLoaderTest.REQUIRED + "provisioning.url=https://prov.example/hallphone/\n"
                + extra, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void ownFileWinsOverCommonWhichWinsOverLocal() throws Exception {
        KioskConfig config = ConfigLoader.load(local("call.ring-timeout-s=10\ncall.cycles=1\nui.hotline=1\n"),
                List.of(new ConfigLoader.Layer(COMMON, "call.ring-timeout-s=20\ncall.cycles=3\n"),
                        new ConfigLoader.Layer(OWN, "call.ring-timeout-s=40\n")), Map.of());
        assertEquals(Duration.ofSeconds(40), config.call().ringTimeout());
        assertEquals(3, config.call().cycles());
        assertEquals("1", config.ui().hotline());
    }

    @Test
    void pinnedKeysKeepTheirLocalValue() throws Exception {
        KioskConfig config = ConfigLoader.load(local("provisioning.pin=call.cycles\ncall.cycles=1\n"),
                List.of(new ConfigLoader.Layer(COMMON, "call.cycles=3\ncall.ring-timeout-s=25\n")), Map.of());
        assertEquals(1, config.call().cycles());
        assertEquals(Duration.ofSeconds(25), config.call().ringTimeout());
    }

    @Test
    void errorsInACentralFileNameThatFileAndLine() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(local(""),
                List.of(new ConfigLoader.Layer(COMMON, "# fleet defaults\ncall.cycles=many\n"),
                        new ConfigLoader.Layer(OWN, "call.ring-timout-s=5\nterminal.id=other\nui.hotline=1\n"
                                + "ui.hotline=2\nprovisioning.url=https://evil.example/\n")), Map.of()));
        List<String> messages = e.errors().stream().map(ConfigError::toString).toList();
        assertEquals(List.of(
                COMMON + ":2: call.cycles: expected a whole number from 1 to 10, got \"many\"",
                OWN + ":1: call.ring-timout-s: unknown key; did you mean call.ring-timeout-s?",
                OWN + ":2: terminal.id: may only be set in the terminal's local file",
                OWN + ":4: ui.hotline: set twice (first on line 3); keep one",
                OWN + ":5: provisioning.url: may only be set in the terminal's local file"), messages);
    }

    @Test
    void aPinOfAnUnknownKeyIsAnError() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(local("provisioning.pin=call.cycle\n"), List.of(), Map.of()));
        assertEquals(List.of(dir.resolve("kiosk.properties") + ":6: provisioning.pin: unknown key \"call.cycle\"; "
                + "did you mean call.cycles?"), e.errors().stream().map(ConfigError::toString).toList());
    }

    @Test
    void provisioningUrlMustBeHttpOrHttpsAndGetsItsSlash() throws Exception {
        assertEquals("https://prov.example/a/", ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED
                + "provisioning.url=https://prov.example/a\n").provisioning().url().toString());
        assertEquals(List.of("test.properties:5: provisioning.url: expected an https:// (or http:// on a trusted "
                + "network) URL of a folder, such as https://prov.example/hallphone/, got \"ftp://x/\""),
                ConfigLoaderTest.errors(ConfigLoaderTest.REQUIRED + "provisioning.url=ftp://x/\n"));
    }
}
