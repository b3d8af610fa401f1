package org.hallphone.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    /** The four required keys on lines 1-4; a test's own lines start at line 5. */
    static final String REQUIRED = """
            terminal.id=ivanovo-onco-hall1
            terminal.name=Онкодиспансер, холл 1
            handset.port=simulated
            call.targets=sip:reps@127.0.0.1
            """;

    @TempDir
    Path dir;

    static KioskConfig load(String text) throws ConfigException {
        return ConfigLoader.load(new StringReader(text), "test.properties");
    }

    static List<String> errors(String text) {
        return errors(text, Map.of());
    }

    static List<String> errors(String text, Map<String, String> overrides) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(new StringReader(text), "test.properties", overrides));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void requiredKeysAloneGiveEveryDefault() throws ConfigException {
        KioskConfig config = load(REQUIRED);
        assertEquals(Path.of("test.properties"), config.source());
        assertEquals(new TerminalConfig("ivanovo-onco-hall1", "Онкодиспансер, холл 1"), config.terminal());
        assertEquals(new HandsetConfig("simulated", HandsetConfig.HandsetMode.TEXT, 9600, "OFFHOOK", "ONHOOK",
                HandsetConfig.LineSignal.DSR, true, Duration.ofMillis(50), Duration.ZERO, Duration.ofSeconds(60),
                Duration.ofMillis(100)), config.handset());
        assertEquals(new SipConfig("", 5060, SipConfig.Transport.UDP,
                new SipConfig.Account("", "", "", "", "", Secret.NONE, "", Duration.ofSeconds(600), true),
                new SipConfig.KeepAlive(Duration.ofSeconds(25), SipConfig.KeepAliveMethod.CRLF),
                new SipConfig.Incoming(List.of(), 65535), SipConfig.Tls.NONE,
                new SipConfig.Rtp(16384, 16999, Duration.ofSeconds(30), SipConfig.Srtp.OFF, List.of())), config.sip());
        assertEquals(new CallConfig(List.of("sip:reps@127.0.0.1"), Duration.ofSeconds(30), 2,
                Duration.ofSeconds(1200), Duration.ofSeconds(60), OfficeHours.ALWAYS, List.of(), List.of(), '\0',
                Duration.ofSeconds(10), 3), config.call());
        assertEquals(new AudioConfig("", "", 0.0, 0.0, 425, List.of(Duration.ofMillis(1000), Duration.ofMillis(4000)),
                List.of(Duration.ofMillis(350), Duration.ofMillis(350)), null, Duration.ofMillis(20),
                Duration.ofMillis(200)), config.audio());
        assertEquals(new CallLogConfig(Path.of("/var/lib/hallphone/calls"), 365), config.calllog());
        assertEquals(new HealthConfig(""), config.health());
        assertEquals(new UiConfig(Locale.forLanguageTag("ru"), "Страховая медицинская организация", "", "", "", true,
                Secret.NONE, true), config.ui());
        assertFalse(config.call().confirmsAnswer());
        assertFalse(config.sip().registers());
        assertFalse(config.health().enabled());
        assertTrue(config.handset().simulated());
    }

    static Stream<Arguments> everyKey() {
        return Stream.of(
                row("terminal.id", "a.b_c-9", c -> c.terminal().id(), "a.b_c-9"),
                row("terminal.name", "Холл №2", c -> c.terminal().name(), "Холл №2"),
                row("terminal.location", "Поликлиника 3, 2 этаж", c -> c.terminal().location(),
                        "Поликлиника 3, 2 этаж"),
                row("handset.port", "/dev/serial/by-id/usb-x", c -> c.handset().port(), "/dev/serial/by-id/usb-x"),
                row("handset.mode", "lines", c -> c.handset().mode(), HandsetConfig.HandsetMode.LINES),
                row("handset.mode", "TEXT", c -> c.handset().mode(), HandsetConfig.HandsetMode.TEXT),
                row("handset.baud", "115200", c -> c.handset().baud(), 115200),
                row("handset.text.offhook", "UP", c -> c.handset().textOffhook(), "UP"),
                row("handset.text.onhook", "DOWN", c -> c.handset().textOnhook(), "DOWN"),
                row("handset.lines.signal", "cts", c -> c.handset().linesSignal(), HandsetConfig.LineSignal.CTS),
                row("handset.lines.signal", "RI", c -> c.handset().linesSignal(), HandsetConfig.LineSignal.RI),
                row("handset.lines.offhook-level", "low", c -> c.handset().offhookLevelHigh(), false),
                row("handset.debounce-ms", "0", c -> c.handset().debounce(), Duration.ZERO),
                row("handset.dial-delay-ms", "700", c -> c.handset().dialDelay(), Duration.ofMillis(700)),
                row("handset.left-offhook-alarm-s", "300", c -> c.handset().leftOffhookAlarm(),
                        Duration.ofSeconds(300)),
                row("handset.poll-ms", "250", c -> c.handset().poll(), Duration.ofMillis(250)),
                row("sip.local-address", "192.168.10.5", c -> c.sip().localAddress(), "192.168.10.5"),
                row("sip.local-address", "fe80::1", c -> c.sip().localAddress(), "fe80::1"),
                row("sip.local-port", "0", c -> c.sip().localPort(), 0),
                row("sip.transport", "tls", c -> c.sip().transport(), SipConfig.Transport.TLS),
                row("sip.srtp", "Optional", c -> c.sip().rtp().srtp(), SipConfig.Srtp.OPTIONAL),
                row("sip.srtp", "auto", c -> c.sip().rtp().srtp(), SipConfig.Srtp.OFF),
                row("sip.registrar", "pbx.example.org:5080", c -> c.sip().account().registrar(),
                        "pbx.example.org:5080"),
                row("sip.registrar", "[2001:db8::1]:5060", c -> c.sip().account().registrar(), "[2001:db8::1]:5060"),
                row("sip.proxy", "10.0.0.1", c -> c.sip().account().proxy(), "10.0.0.1"),
                row("sip.user", "kiosk-1", c -> c.sip().account().user(), "kiosk-1"),
                row("sip.auth-user", "kiosk1@corp", c -> c.sip().account().authUser(), "kiosk1@corp"),
                row("sip.domain", "corp.example", c -> c.sip().account().domain(), "corp.example"),
                row("sip.realm", "asterisk", c -> c.sip().account().realm(), "asterisk"),
                row("sip.password", "s3cr3t p@ss", c -> c.sip().account().password(), new Secret("s3cr3t p@ss")),
                row("sip.register-expires-s", "3600", c -> c.sip().account().registerExpiry(),
                        Duration.ofSeconds(3600)),
                row("sip.keepalive-s", "0", c -> c.sip().keepAlive().period(), Duration.ZERO),
                row("sip.keepalive-method", "options", c -> c.sip().keepAlive().method(),
                        SipConfig.KeepAliveMethod.OPTIONS),
                row("sip.allow-incoming-from", "pbx.example.org, 10.0.0.7", c -> c.sip().incoming().allowFrom(),
                        List.of("pbx.example.org", "10.0.0.7")),
                row("sip.media-allow", "10.20.0.0/16, 192.0.2.9", c -> c.sip().rtp().mediaAllow(),
                        List.of("10.20.0.0/16", "192.0.2.9")),
                row("sip.send-version", "false", c -> c.sip().account().sendVersion(), false),
                row("sip.max-message-bytes", "8192", c -> c.sip().incoming().maxMessageBytes(), 8192),
                row("sip.tls.trust-store-password", "changeit", c -> c.sip().tls().trustStorePassword(),
                        new Secret("changeit")),
                row("sip.tls.key-store-password", "k", c -> c.sip().tls().keyStorePassword(), new Secret("k")),
                row("sip.rtp-port-min", "10000", c -> c.sip().rtp().portMin(), 10000),
                row("sip.rtp-port-max", "20000", c -> c.sip().rtp().portMax(), 20000),
                row("sip.rtp-timeout-s", "60", c -> c.sip().rtp().inactivity(), Duration.ofSeconds(60)),
                row("call.targets", "sip:a@h1, sips:b@h2:5061;transport=tls,sip:10.0.0.1",
                        c -> c.call().targets(), List.of("sip:a@h1", "sips:b@h2:5061;transport=tls", "sip:10.0.0.1")),
                row("call.ring-timeout-s", "45", c -> c.call().ringTimeout(), Duration.ofSeconds(45)),
                row("call.cycles", "3", c -> c.call().cycles(), 3),
                row("call.max-duration-s", "600", c -> c.call().maxDuration(), Duration.ofSeconds(600)),
                row("call.max-duration-warning-s", "0", c -> c.call().maxDurationWarning(), Duration.ZERO),
                row("call.hours", "mon-fri 08:00-20:00; sat 09:00-15:00", c -> c.call().hours().spans().size(), 6),
                row("call.after-hours-targets", "sip:duty@pbx", c -> c.call().afterHoursTargets(),
                        List.of("sip:duty@pbx")),
                row("call.holidays", "2027-01-01,2027-01-07", c -> c.call().holidays(),
                        List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 7))),
                row("call.confirm-answer", "dtmf:5", c -> c.call().confirmAnswerDigit(), '5'),
                row("call.confirm-answer", "DTMF:#", c -> c.call().confirmAnswerDigit(), '#'),
                row("call.confirm-answer", "dtmf:a", c -> c.call().confirmAnswerDigit(), 'A'),
                row("call.confirm-answer", "None", c -> c.call().confirmAnswerDigit(), '\0'),
                row("call.confirm-grace-s", "5", c -> c.call().confirmGrace(), Duration.ofSeconds(5)),
                row("call.max-redirects", "0", c -> c.call().maxRedirects(), 0),
                row("call.redirect-domains", "pbx.example, 10.0.0.5", c -> c.call().redirectDomains(),
                        List.of("pbx.example", "10.0.0.5")),
                row("audio.playback-device", "Generic USB", c -> c.audio().playbackDevice(), "Generic USB"),
                row("audio.capture-device", "null-device", c -> c.audio().captureDevice(), "null-device"),
                row("audio.playback-gain-db", "-3.5", c -> c.audio().playbackGainDb(), -3.5),
                row("audio.capture-gain-db", "+6", c -> c.audio().captureGainDb(), 6.0),
                row("audio.tone-frequency-hz", "400", c -> c.audio().toneFrequencyHz(), 400),
                row("audio.ringback-cadence-ms", "800,3200", c -> c.audio().ringbackCadence(),
                        List.of(Duration.ofMillis(800), Duration.ofMillis(3200))),
                row("audio.busy-cadence-ms", "500, 500, 250, 250", c -> c.audio().busyCadence(),
                        List.of(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(250),
                                Duration.ofMillis(250))),
                row("audio.jitter-min-ms", "0", c -> c.audio().jitterMin(), Duration.ZERO),
                row("audio.jitter-max-ms", "400", c -> c.audio().jitterMax(), Duration.ofMillis(400)),
                row("audio.ring-device", "USB Speaker", c -> c.audio().ringDevice(), "USB Speaker"),
                row("audio.ring-gain-db", "6", c -> c.audio().ringGainDb(), 6.0),
                row("audio.ring-left-lifted", "true", c -> c.audio().ringLeftLifted(), true),
                row("calllog.dir", "/srv/calls", c -> c.calllog().dir(), Path.of("/srv/calls")),
                row("calllog.retention-days", "0", c -> c.calllog().retentionDays(), 0),
                row("health.listen", "0.0.0.0:9100", c -> c.health().listen(), "0.0.0.0:9100"),
                row("ui.language", "en", c -> c.ui().language(), Locale.ENGLISH),
                row("ui.organisation", "АО «СК «Пример»", c -> c.ui().organisation(), "АО «СК «Пример»"),
                row("ui.hotline", "8-800-100-00-00", c -> c.ui().hotline(), "8-800-100-00-00"),
                row("ui.office-address", "Корпус 2, каб. 104", c -> c.ui().officeAddress(), "Корпус 2, каб. 104"),
                row("ui.office-hours", "пн–пт 9:00–18:00", c -> c.ui().officeHours(), "пн–пт 9:00–18:00"),
                row("ui.hide-cursor", "false", c -> c.ui().hideCursor(), false),
                row("ui.service-pin-hash", PinHashTest.SAMPLE, c -> c.ui().servicePinHash(),
                        new Secret(PinHashTest.SAMPLE)),
                row("ui.rating", "FALSE", c -> c.ui().rating(), false),
                row("ui.organisation-en", "Primer-Med", c -> c.ui().organisationEn(), "Primer-Med"),
                row("ui.office-address-en", "Room 104", c -> c.ui().officeAddressEn(), "Room 104"),
                row("ui.office-hours-en", "Mon-Fri 9-18", c -> c.ui().officeHoursEn(), "Mon-Fri 9-18"),
                row("ui.hearing-loop", "true", c -> c.ui().hearingLoop(), true),
                row("ui.text-route", "primer-med.example/chat", c -> c.ui().textRoute(), "primer-med.example/chat"),
                row("ui.text-route-qr", "/srv/qr.png", c -> c.ui().textRouteQr(), java.nio.file.Path.of("/srv/qr.png")),
                row("ui.texts-dir", "/srv/texts", c -> c.ui().textsDir(), java.nio.file.Path.of("/srv/texts")),
                row("provisioning.url", "https://prov.example/hallphone", c -> c.provisioning().url(),
                        java.net.URI.create("https://prov.example/hallphone/")),
                row("provisioning.interval-s", "600", c -> c.provisioning().interval(), Duration.ofMinutes(10)),
                row("provisioning.cache-dir", "/srv/prov", c -> c.provisioning().cacheDir(), Path.of("/srv/prov")),
                row("provisioning.pin", "handset.port, audio.capture-device", c -> c.provisioning().pinned(),
                        List.of("handset.port", "audio.capture-device")),
                row("provisioning.ca-file", "/etc/hallphone/ca.pem", c -> c.provisioning().caFile(),
                        Path.of("/etc/hallphone/ca.pem")),
                row("provisioning.client-cert", "/etc/hallphone/me.p12", c -> c.provisioning().clientCert(),
                        Path.of("/etc/hallphone/me.p12")),
                row("provisioning.client-cert-password", "s3cret", c -> c.provisioning().clientCertPassword(),
                        new Secret("s3cret")));
    }

    private static Arguments row(String key, String value, Function<KioskConfig, Object> read, Object expected) {
        return Arguments.of(key, value, read, expected);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("everyKey")
    void everyKeyParses(String key, String value, Function<KioskConfig, Object> read, Object expected)
            throws ConfigException {
        // A later key overrides nothing: required keys the row sets itself are left out of the preamble.
        StringBuilder text = new StringBuilder();
        for (String line : REQUIRED.split("\n")) {
            if (!line.startsWith(key + "=")) {
                text.append(line).append('\n');
            }
        }
        text.append(key).append('=').append(value).append('\n');
        assertEquals(expected, read.apply(load(text.toString())));
    }

    @Test
    void everyKeyOfTheTableIsCoveredByTheParsingTest() {
        List<String> covered = everyKey().map(arguments -> (String) arguments.get()[0]).toList();
        List<String> notCovered = Keys.ALL.stream().map(Key::name).filter(name -> !covered.contains(name))
                // Keys whose value must be an existing file or folder: see the tests with files below.
                .filter(name -> !List.of("sip.password-file", "sip.tls.trust-store", "sip.tls.key-store",
                        "audio.prompts-dir").contains(name))
                .toList();
        assertEquals(List.of(), notCovered);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("handset.text.offhook=U\\tP", "handset.text.offhook: must not contain line breaks, tabs or "
                        + "other control characters"),
                bad("sip.auth-user=a\\nb", "sip.auth-user: must not contain line breaks, tabs or other control "
                        + "characters"),
                bad("=value", "a value without a key"),
                bad("handset.mode=serial", "handset.mode: expected text or lines, got \"serial\""),
                bad("handset.baud=fast", "handset.baud: expected a whole number from 50 to 4000000, got \"fast\""),
                bad("handset.lines.signal=DTR", "handset.lines.signal: expected cts, dsr, dcd or ri, got \"DTR\""),
                bad("handset.lines.offhook-level=1", "handset.lines.offhook-level: expected high or low, got \"1\""),
                bad("handset.debounce-ms=-5", "handset.debounce-ms: must be from 0 to 5000, got -5"),
                bad("handset.debounce-ms=", "handset.debounce-ms: no value; write one or delete the line to use "
                        + "the default (50)"),
                bad("handset.dial-delay-ms=0.5", "handset.dial-delay-ms: expected a whole number from 0 to 10000, "
                        + "got \"0.5\""),
                bad("handset.text.onhook=offhook", "handset.text.onhook: handset.text.onhook and "
                        + "handset.text.offhook must differ"),
                bad("sip.local-address=my host", "sip.local-address: expected a host name or IP address, got "
                        + "\"my host\""),
                bad("sip.local-port=65536", "sip.local-port: must be from 0 to 65535, got 65536"),
                bad("sip.transport=wss", "sip.transport: expected udp, tcp or tls, got \"wss\""),
                bad("sip.registrar=pbx.example.org:0", "sip.registrar: port must be from 1 to 65535, got \"0\" in "
                        + "\"pbx.example.org:0\""),
                bad("sip.registrar=pbx.example.org:sip", "sip.registrar: port must be from 1 to 65535, got \"sip\" "
                        + "in \"pbx.example.org:sip\""),
                bad("sip.registrar=sip:pbx.example.org", "sip.registrar: expected host[:port] without \"sip:\", "
                        + "such as pbx.example.org:5060, got \"sip:pbx.example.org\""),
                bad("sip.proxy=300.1.1.1", "sip.proxy: expected host[:port] such as pbx.example.org:5060, got "
                        + "\"300.1.1.1\""),
                bad("sip.proxy=pbx_1.example", "sip.proxy: expected host[:port] such as pbx.example.org:5060, got "
                        + "\"pbx_1.example\""),
                bad("sip.user=kiosk 1", "sip.user: expected a SIP user name (letters, digits and "
                        + "- _ . ! ~ * ' ( ) & = + $ , ; ? /), got \"kiosk 1\""),
                bad("sip.keepalive-method=stun", "sip.keepalive-method: expected crlf or options, got \"stun\""),
                bad("sip.allow-incoming-from=pbx,,10.0.0.1", "sip.allow-incoming-from: item 2 of the "
                        + "comma-separated list is empty"),
                bad("sip.media-allow=media.example", "sip.media-allow: expected an IP network such as "
                        + "10.20.0.0/16 or an IP address, got \"media.example\""),
                bad("sip.rtp-port-min=16385", "sip.rtp-port-min: must be even (RTP uses even ports), got 16385"),
                bad("sip.rtp-port-max=16384", "sip.rtp-port-max: sip.rtp-port-min (16384) must be less than "
                        + "sip.rtp-port-max (16384)"),
                bad("sip.rtp-port-min=17000", "sip.rtp-port-min: sip.rtp-port-min (17000) must be less than "
                        + "sip.rtp-port-max (16999)"),
                bad("call.ring-timeout-s=0", "call.ring-timeout-s: must be from 5 to 600, got 0"),
                bad("call.cycles=two", "call.cycles: expected a whole number from 1 to 10, got \"two\""),
                bad("call.max-duration-warning-s=1200", "call.max-duration-warning-s: call.max-duration-warning-s "
                        + "(1200) must be less than call.max-duration-s (1200)"),
                bad("call.hours=mon-fri 20:00-08:00", "call.hours: empty span 20:00-08:00: the end must be after "
                        + "the start"),
                bad("call.hours=mon-fri 08:00-08:00", "call.hours: empty span 08:00-08:00: the end must be after "
                        + "the start"),
                bad("call.hours=mo-fr 08:00-20:00", "call.hours: unknown day \"mo\" (days are mon, tue, wed, thu, "
                        + "fri, sat, sun)"),
                bad("call.hours=mon-fri", "call.hours: expected days then times such as \"mon-fri 08:00-20:00; "
                        + "sat 09:00-15:00\", got \"mon-fri\""),
                bad("call.hours=mon 8-20", "call.hours: expected a time span such as 08:00-20:00, got \"8-20\""),
                bad("call.hours=mon 08:00-25:00", "call.hours: not a time of day: \"25:00\" (use 00:00 to 24:00)"),
                bad("call.after-hours-targets=duty@pbx", "call.after-hours-targets: expected a SIP URI such as "
                        + "sip:reps@pbx.example.org, got \"duty@pbx\""),
                bad("call.holidays=2027-02-30", "call.holidays: \"2027-02-30\" is not a date of the calendar"),
                bad("call.holidays=07.01.2027", "call.holidays: expected a date as yyyy-MM-dd such as 2027-01-07, "
                        + "got \"07.01.2027\""),
                bad("call.confirm-answer=dtmf:E", "call.confirm-answer: expected none or dtmf:D with D one of 0-9, "
                        + "*, #, A-D, got \"dtmf:E\""),
                bad("call.confirm-answer=yes", "call.confirm-answer: expected none or dtmf:D with D one of 0-9, "
                        + "*, #, A-D, got \"yes\""),
                bad("audio.playback-gain-db=loud", "audio.playback-gain-db: expected a number from -40 to 20 such "
                        + "as -3.5, got \"loud\""),
                bad("audio.capture-gain-db=30", "audio.capture-gain-db: must be from -40 to 20, got 30"),
                bad("audio.tone-frequency-hz=50", "audio.tone-frequency-hz: must be from 300 to 3400, got 50"),
                bad("audio.ringback-cadence-ms=1000", "audio.ringback-cadence-ms: expected pairs of on,off "
                        + "milliseconds such as 1000,4000, got 1 number"),
                bad("audio.busy-cadence-ms=", "audio.busy-cadence-ms: no value; write one or delete the line to use "
                        + "the default (350,350)"),
                bad("audio.jitter-min-ms=300", "audio.jitter-min-ms: audio.jitter-min-ms (300) must not exceed "
                        + "audio.jitter-max-ms (200)"),
                bad("calllog.dir=${HOME}/calls", "calllog.dir: unknown variable ${HOME}; use ${user.home} or "
                        + "${java.io.tmpdir}"),
                bad("calllog.retention-days=-1", "calllog.retention-days: must be from 0 to 36500, got -1"),
                bad("health.listen=8787", "health.listen: expected host:port such as 127.0.0.1:8787, got \"8787\""),
                bad("health.listen=localhost", "health.listen: no port: expected host:port such as "
                        + "127.0.0.1:8787, got \"localhost\""),
                bad("ui.language=de", "ui.language: expected ru or en, got \"de\""),
                bad("ui.organisation=", "ui.organisation: no value; write one or delete the line to use the "
                        + "default (Страховая медицинская организация)"),
                bad("ui.hide-cursor=yes", "ui.hide-cursor: expected true or false, got \"yes\""),
                bad("ui.rating=1", "ui.rating: expected true or false, got \"1\""));
    }

    private static Arguments bad(String line, String expected) {
        return Arguments.of(line, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void eachBadValueIsReportedWithFileLineKeyAndReason(String line, String expected) {
        assertEquals(List.of("test.properties:5: " + expected), errors(REQUIRED + line + "\n"));
    }

    static Stream<Arguments> badRequiredValues() {
        return Stream.of(
                bad("terminal.id=Ivanovo Hall", "test.properties:1: terminal.id: expected 1 to 63 of a-z, 0-9, '.', "
                        + "'_', '-', starting with a letter or digit, such as ivanovo-onco-hall1, got "
                        + "\"Ivanovo Hall\""),
                bad("terminal.name=", "test.properties:2: terminal.name: must not be empty"),
                bad("terminal.name=Холл\\n1", "test.properties:2: terminal.name: must not contain line breaks, tabs "
                        + "or other control characters"),
                bad("terminal.name=Холл\\u12", "test.properties:2: terminal.name: bad escape \"\\u12\" (\\u needs "
                        + "four hexadecimal digits, e.g. \\u00AB)"),
                bad("handset.port=", "test.properties:3: handset.port: must not be empty"),
                bad("call.targets=", "test.properties:4: call.targets: must not be empty"),
                bad("call.targets=pbx.example.org", "test.properties:4: call.targets: expected a SIP URI such as "
                        + "sip:reps@pbx.example.org, got \"pbx.example.org\""),
                bad("call.targets=tel:+74951234567", "test.properties:4: call.targets: expected a SIP URI such as "
                        + "sip:reps@pbx.example.org, got \"tel:+74951234567\""),
                bad("call.targets=sip:reps@pbx:99999", "test.properties:4: call.targets: port must be from 1 to "
                        + "65535, got \"99999\" in \"sip:reps@pbx:99999\""),
                bad("call.targets=sip:a@pbx,", "test.properties:4: call.targets: item 2 of the comma-separated "
                        + "list is empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequiredValues")
    void badRequiredValues(String line, String expected) {
        String key = line.substring(0, line.indexOf('=') + 1);
        String text = REQUIRED.replaceAll("(?m)^" + Pattern.quote(key) + ".*$", Matcher.quoteReplacement(line));
        assertEquals(List.of(expected), errors(text));
    }

    @Test
    void missingRequiredKeysHaveNoLine() {
        assertEquals(List.of(
                "test.properties: terminal.id: missing",
                "test.properties: terminal.name: missing",
                "test.properties: handset.port: missing",
                "test.properties: call.targets: missing"), errors("# nothing\n"));
    }

    @Test
    void unknownKeysAreErrorsWithASuggestion() {
        assertEquals(List.of(
                "test.properties:5: call.ring-timeout: unknown key; did you mean call.ring-timeout-s?",
                "test.properties:6: sip.password_file: unknown key; did you mean sip.password-file?",
                "test.properties:7: Call.Cycles: unknown key; did you mean call.cycles?",
                "test.properties:8: handset.debounce-sm: unknown key; did you mean handset.debounce-ms?",
                "test.properties:9: colour: unknown key"),
                errors(REQUIRED + "call.ring-timeout=40\nsip.password_file=x\nCall.Cycles=3\n"
                        + "handset.debounce-sm=20\ncolour=blue\n"));
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertEquals(List.of("test.properties:6: call.cycles: set twice (first on line 5); keep one"),
                errors(REQUIRED + "call.cycles=3\ncall.cycles=1\n"));
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() {
        String text = """
                terminal.id=Hall 1
                handset.port=simulated
                call.cycles=0
                sip.transprt=udp
                call.targets=sip:a@pbx, pbx
                ui.hotline=\\u12
                call.cycles=2
                """;
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(new StringReader(text), "kiosk.properties", Map.of()));
        List<String> expected = List.of(
                "kiosk.properties:1: terminal.id: expected 1 to 63 of a-z, 0-9, '.', '_', '-', starting with a "
                        + "letter or digit, such as ivanovo-onco-hall1, got \"Hall 1\"",
                "kiosk.properties:3: call.cycles: must be from 1 to 10, got 0",
                "kiosk.properties:4: sip.transprt: unknown key; did you mean sip.transport?",
                "kiosk.properties:5: call.targets: expected a SIP URI such as sip:reps@pbx.example.org, got \"pbx\"",
                "kiosk.properties:6: ui.hotline: bad escape \"\\u12\" (\\u needs four hexadecimal digits, "
                        + "e.g. \\u00AB)",
                "kiosk.properties:7: call.cycles: set twice (first on line 3); keep one",
                "kiosk.properties: terminal.name: missing");
        assertEquals(expected, e.errors().stream().map(ConfigError::toString).toList());
        assertEquals(String.join("\n", expected), e.getMessage());
        assertEquals(new ConfigError("kiosk.properties", 3, "call.cycles", "must be from 1 to 10, got 0"),
                e.errors().get(1));
    }

    @Test
    void overridesReplaceFileValuesAndAreValidatedTheSameWay() throws ConfigException {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("sip.local-port", "0");
        overrides.put("calllog.dir", dir.toString());
        KioskConfig config = ConfigLoader.load(new StringReader(REQUIRED + "sip.local-port=5070\n"), "t", overrides);
        assertEquals(0, config.sip().localPort());
        assertEquals(dir, config.calllog().dir());

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("sip.local-port", "-1");
        bad.put("call.ring-timout-s", "10");
        bad.put("handset.port", "");
        assertEquals(List.of(
                "test.properties:6: call.cycles: must be from 1 to 10, got 99",
                "<override>: call.ring-timout-s: unknown key; did you mean call.ring-timeout-s?",
                "<override>: handset.port: must not be empty",
                "<override>: sip.local-port: must be from 0 to 65535, got -1"),
                errors(REQUIRED + "sip.local-port=5070\ncall.cycles=99\n", bad));
    }

    @Test
    void overridesCanSupplyARequiredKey() throws ConfigException {
        KioskConfig config = ConfigLoader.load(new StringReader(REQUIRED.replace("handset.port=simulated\n", "")),
                "t", Map.of("handset.port", "/dev/ttyUSB0"));
        assertEquals("/dev/ttyUSB0", config.handset().port());
    }

    @Test
    void pathsExpandVariablesAndResolveAgainstTheFilesFolder() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(file, REQUIRED + "calllog.dir=${user.home}/calls\naudio.prompts-dir=prompts\n",
                StandardCharsets.UTF_8);
        KioskConfig config = ConfigLoader.load(file);
        assertEquals(Path.of(System.getProperty("user.home"), "calls"), config.calllog().dir());
        assertEquals(dir.resolve("prompts").toAbsolutePath(), config.audio().promptsDir());
        assertEquals(file, config.source());

        KioskConfig tmp = ConfigLoader.load(file, Map.of("calllog.dir", "${java.io.tmpdir}/hallphone-calls"));
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "hallphone-calls").normalize(),
                tmp.calllog().dir());

        KioskConfig relative = ConfigLoader.load(file, Map.of("calllog.dir", "demo-calls"));
        assertEquals(Path.of("demo-calls").toAbsolutePath(), relative.calllog().dir());
    }

    @Test
    void missingFilesAndFoldersAreErrors() {
        Path nowhere = dir.resolve("nowhere");
        assertEquals(List.of(
                "test.properties:5: sip.tls.trust-store: cannot read " + nowhere + ": no such file",
                "test.properties:6: sip.tls.key-store: cannot read " + nowhere + ": no such file",
                "test.properties:7: audio.prompts-dir: no such folder: " + nowhere),
                errors(REQUIRED + "sip.tls.trust-store=" + nowhere + "\nsip.tls.key-store=" + nowhere
                        + "\naudio.prompts-dir=" + nowhere + "\n"));
    }

    @Test
    void tlsStoresThatExistAreAccepted() throws Exception {
        Path store = Files.writeString(dir.resolve("trust.p12"), "x");
        KioskConfig config = load(REQUIRED + "sip.tls.trust-store=" + store + "\nsip.tls.key-store=" + store + "\n");
        assertEquals(store, config.sip().tls().trustStore());
        assertEquals(store, config.sip().tls().keyStore());
    }

    @Test
    void passwordFileIsReadWithoutItsFinalNewline() throws Exception {
        Path secret = Files.writeString(dir.resolve("sip.secret"), "пароль with spaces \n", StandardCharsets.UTF_8);
        KioskConfig config = load(REQUIRED + "sip.password-file=" + secret + "\n");
        assertEquals(new Secret("пароль with spaces "), config.sip().account().password());

        Files.writeString(secret, "p4ss\r\n");
        assertEquals(new Secret("p4ss"),
                load(REQUIRED + "sip.password-file=" + secret + "\n").sip().account().password());
    }

    @Test
    void passwordFileProblems() throws Exception {
        Path missing = dir.resolve("missing.secret");
        assertEquals(List.of("test.properties:5: sip.password-file: cannot read " + missing + ": no such file"),
                errors(REQUIRED + "sip.password-file=" + missing + "\n"));

        Path empty = Files.writeString(dir.resolve("empty.secret"), "\n");
        assertEquals(List.of("test.properties:5: sip.password-file: the file " + empty + " is empty"),
                errors(REQUIRED + "sip.password-file=" + empty + "\n"));

        Path folder = Files.createDirectory(dir.resolve("folder.secret"));
        List<String> folderErrors = errors(REQUIRED + "sip.password-file=" + folder + "\n");
        assertEquals(1, folderErrors.size());
        assertTrue(folderErrors.get(0).startsWith("test.properties:5: sip.password-file: cannot read " + folder
                + ": "), folderErrors.get(0));

        Path good = Files.writeString(dir.resolve("good.secret"), "x");
        assertEquals(List.of("test.properties:6: sip.password-file: set either sip.password or sip.password-file, "
                + "not both"), errors(REQUIRED + "sip.password=y\nsip.password-file=" + good + "\n"));
    }

    @Test
    void aFileThatIsNotUtf8IsReportedWithItsLine() throws Exception {
        Path file = dir.resolve("cp1251.properties");
        byte[] head = REQUIRED.getBytes(StandardCharsets.UTF_8);
        byte[] cp1251 = "ui.hotline=\u0413\u043e\u0440\u044f\u0447\u0430\u044f\n".getBytes("windows-1251");
        byte[] all = new byte[head.length + cp1251.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(cp1251, 0, all, head.length, cp1251.length);
        Files.write(file, all);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(file + ":5: not UTF-8 text: save the file as UTF-8", e.getMessage());
    }

    @Test
    void aMissingFileIsOneClearError() {
        Path file = dir.resolve("absent.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals(List.of(new ConfigError(file.toString(), 0, "", "cannot read the configuration: no such file")),
                e.errors());
        assertEquals(file + ": cannot read the configuration: no such file", e.getMessage());
    }

    @Test
    void officeHoursAreBuiltFromTheText() throws ConfigException {
        OfficeHours hours = load(REQUIRED + "call.hours=sat,sun 10:00-14:00\n").call().hours();
        assertEquals(List.of(
                new OfficeHours.Span(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(14, 0)),
                new OfficeHours.Span(DayOfWeek.SUNDAY, LocalTime.of(10, 0), LocalTime.of(14, 0))), hours.spans());
    }

    @Test
    void continuationEscapesAndCyrillicInAFile() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, REQUIRED
                + "ui.organisation=АО \u00abСтраховая компания \\\n    \u00abПример\u00bb\u00bb\n"
                + "ui.office-address=Корпус\\u00a02\\nкаб. 104\n", StandardCharsets.UTF_8);
        KioskConfig config = ConfigLoader.load(file);
        assertEquals("АО «Страховая компания «Пример»»", config.ui().organisation());
        assertEquals("Корпус\u00a02\nкаб. 104", config.ui().officeAddress());
    }

    @Test
    void suggestionNeedsACloseKey() {
        assertEquals("call.cycles", KeySuggestion.closest("call.cylces", Keys.BY_NAME.keySet()));
        assertEquals("ui.hotline", KeySuggestion.closest("ui.hot-line", Keys.BY_NAME.keySet()));
        assertEquals(1, KeySuggestion.distance("abc", "bac"));
        assertNull(KeySuggestion.closest("colour", Keys.BY_NAME.keySet()));
    }
}
