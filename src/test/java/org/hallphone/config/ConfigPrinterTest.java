package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrinterTest {

    @TempDir
    Path dir;

    @Test
    void printsEveryKeyInFileOrderWithDefaultsMarkedAndSecretsMasked() throws Exception {
        Path secret = Files.writeString(dir.resolve("sip.secret"), "topsecret\n");
        KioskConfig config = ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED + """
                sip.password-file=%s
                ui.service-pin-hash=%s
                call.cycles=3
                ui.office-address=Корпус 2\\\\3\\tкаб. 4
                """.formatted(secret, PinHashTest.SAMPLE));
        String text = ConfigPrinter.render(config);

        assertFalse(text.contains("topsecret"), text);
        assertFalse(text.contains("pbkdf2"), text);
        List<String> lines = text.lines().toList();
        assertEquals("# effective configuration of test.properties", lines.get(0));
        assertTrue(lines.contains("sip.password=******"), text);
        assertTrue(lines.contains("ui.service-pin-hash=******"), text);
        assertTrue(lines.contains("sip.tls.trust-store-password=  # default"), text);
        assertTrue(lines.contains("terminal.id=ivanovo-onco-hall1"), text);
        assertTrue(lines.contains("terminal.name=Онкодиспансер, холл 1"), text);
        assertTrue(lines.contains("call.cycles=3"), text);
        assertTrue(lines.contains("call.ring-timeout-s=30  # default"), text);
        assertTrue(lines.contains("audio.ringback-cadence-ms=1000,4000  # default"), text);
        assertTrue(lines.contains("audio.playback-gain-db=0  # default"), text);
        assertTrue(lines.contains("calllog.dir=/var/lib/hallphone/calls  # default"), text);
        assertTrue(lines.contains("call.confirm-answer=none  # default"), text);
        assertTrue(lines.contains("ui.language=ru  # default"), text);
        assertTrue(lines.contains("ui.office-address=Корпус 2\\\\3\\tкаб. 4"), text);

        List<String> keys = lines.stream().filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.substring(0, line.indexOf('='))).toList();
        List<String> expected = Keys.ALL.stream().filter(Key::printed).map(Key::name).toList();
        assertEquals(expected, keys);
    }

    @Test
    void theOutputLoadsBackToTheSameConfiguration() throws Exception {
        KioskConfig config = ConfigLoader.load(ExampleFilesTest.example());
        String text = ConfigPrinter.render(config);
        // Strip the "# default" marks, as a technician copying the output would.
        String loadable = Pattern.compile(Pattern.quote(ConfigPrinter.DEFAULT_MARK) + "$", Pattern.MULTILINE)
                .matcher(text).replaceAll("");
        KioskConfig again = ConfigLoader.load(new StringReader(loadable), config.source().toString(), Map.of());
        assertEquals(config, again);
    }

    @Test
    void warnsWhenSrtpKeysWouldTravelOverPlainSignalling() throws ConfigException {
        String complete = ConfigLoaderTest.REQUIRED.replace("simulated", "/dev/ttyUSB0")
                + "ui.hotline=8-800-100-00-00\nui.service-pin-hash=" + PinHashTest.SAMPLE + "\n";
        KioskConfig udp = ConfigLoaderTest.load(complete + "sip.srtp=optional\n");
        assertEquals(List.of("sip.srtp: optional over sip.transport=udp; the SRTP keys travel in clear inside the SIP "
                + "messages, so anyone who can record the call can also read its keys (use sip.transport=tls)"),
                ConfigPrinter.warnings(udp));
        KioskConfig tcp = ConfigLoaderTest.load(complete + "sip.srtp=required\nsip.transport=tcp\n");
        assertEquals(1, ConfigPrinter.warnings(tcp).size());
        KioskConfig tls = ConfigLoaderTest.load(complete + "sip.transport=tls\n");
        assertEquals(SipConfig.Srtp.REQUIRED, tls.sip().rtp().srtp(), "TLS makes encryption the default");
        assertEquals(List.of(), ConfigPrinter.warnings(tls));
        assertTrue(ConfigPrinter.render(tls).contains("\nsip.srtp=required\n"), "the effective mode is printed");
    }

    @Test
    void warnsAboutAMissingHotlineAndAClosedServiceScreen() throws ConfigException {
        KioskConfig bare = ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED + "sip.registrar=pbx.example.org\n");
        assertEquals(List.of(
                "ui.hotline: empty; when no one answers, the screen cannot offer the 24-hour hotline",
                "ui.service-pin-hash: empty; the service screen is closed (set one with --hash-pin)",
                "sip.password: empty although sip.registrar is set; registration fails if the registrar asks for "
                        + "a password",
                "handset.port: simulated; the real handset is not used"), ConfigPrinter.warnings(bare));

        KioskConfig complete = ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED.replace("simulated", "/dev/ttyUSB0")
                + "ui.hotline=8-800-100-00-00\nui.service-pin-hash=" + PinHashTest.SAMPLE + "\n");
        assertEquals(List.of(), ConfigPrinter.warnings(complete));
    }

    @Test
    void warnsWhenCallBacksWouldRelyOnAUdpSourceAddress() throws ConfigException {
        String pinned = ConfigLoaderTest.REQUIRED.replace("simulated", "/dev/ttyUSB0")
                + "ui.hotline=8-800-100-00-00\nui.service-pin-hash=" + PinHashTest.SAMPLE
                + "\nsip.allow-incoming-from=10.0.0.7\n";
        List<String> udpAlone = ConfigPrinter.warnings(ConfigLoaderTest.load(pinned));
        assertEquals(1, udpAlone.size(), udpAlone.toString());
        assertTrue(udpAlone.get(0).startsWith("sip.allow-incoming-from: relies on UDP alone"), udpAlone.get(0));
        List<String> registered = ConfigPrinter.warnings(ConfigLoaderTest.load(pinned
                + "sip.registrar=pbx.example.org\nsip.password=x\n"));
        assertEquals(1, registered.size(), registered.toString());
        assertTrue(registered.get(0).contains("random registered Contact"), registered.get(0));
        assertEquals(List.of(), ConfigPrinter.warnings(ConfigLoaderTest.load(pinned + "sip.transport=tls\n")));
    }

    @Test
    void mediaAllowTakesLiteralNetworksOnly() throws ConfigException {
        KioskConfig config = ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED
                + "sip.media-allow=10.20.0.0/16, 192.0.2.9, 2001:db8::/32\n");
        assertEquals(List.of("10.20.0.0/16", "192.0.2.9", "2001:db8::/32"), config.sip().rtp().mediaAllow());
        for (String bad : List.of("media.example", "10.0.0.0/33", "10.0.0.0/x", "2001:db8::/129")) {
            ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                    () -> ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED + "sip.media-allow=" + bad + "\n"));
            assertTrue(e.getMessage().contains("sip.media-allow"), e.getMessage());
        }
    }

    @Test
    void secretsNeverShowInRecordsEither() throws ConfigException {
        KioskConfig config = ConfigLoaderTest.load(ConfigLoaderTest.REQUIRED + "sip.password=hunter2\n");
        assertFalse(config.toString().contains("hunter2"));
    }
}
