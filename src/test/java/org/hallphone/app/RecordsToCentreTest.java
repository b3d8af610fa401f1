package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hallphone.call.CallState;
import org.hallphone.media.FileDevice;
import org.hallphone.ops.Rfc5424Layout;
import org.hallphone.ops.SyslogTcpAppender;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Rsyslog;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MarkerFactory;

/**
 * Records to the centre, end to end: a real call (jssc on a socat pty as the handset, sipp as the contact centre)
 * gives a call-log row; the row travels as an RFC 5424 message over TCP through {@link SyslogTcpAppender} to a
 * real rsyslogd, which parses it; every header field and every column of the row is checked as rsyslog saw it.
 * The receiver is then restarted: a rating logged while it is down and the row of a later call arrive.
 */
class RecordsToCentreTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String HOST = "clinic-box-7";

    @TempDir
    Path dir;

    private Rsyslog rsyslog;
    private SyslogTcpAppender appender;
    private Sipp sipp;
    private TerminalRig rig;
    private Terminal terminal;

    @AfterEach
    void stopAll() {
        if (rig != null) {
            rig.close();
        }
        if (appender != null) {
            ((Logger) LoggerFactory.getLogger("hallphone.calls")).detachAppender(appender);
            appender.stop();
        }
        if (sipp != null) {
            sipp.close();
        }
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    /** What kiosk-config/logback.xml's commented-out appender sets up, done in code for the test. */
    private void routeRecordsTo(int port) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Rfc5424Layout layout = new Rfc5424Layout();
        layout.setContext(context);
        layout.setHostname(HOST);
        layout.setFacility("local0");
        appender = new SyslogTcpAppender();
        appender.setContext(context);
        appender.setName("CENTRE");
        appender.setHost("127.0.0.1");
        appender.setPort(port);
        appender.setMaxReconnectDelayMs(1000);
        appender.setLayout(layout);
        appender.start();
        assertTrue(appender.isStarted());
        ((Logger) LoggerFactory.getLogger("hallphone.calls")).addAppender(appender);
    }

    /** One message as rsyslog parsed it. */
    private record Received(String pri, String version, String timestamp, String hostname, String appName,
                            String procId, String msgId, String sdId, Map<String, String> params, String msg) {
    }

    /** Parses a line of {@link Rsyslog}'s template; the structured data by RFC 5424 §6.3 (with escapes). */
    private static Received parse(String line) {
        String[] head = line.split("\\|", 8);
        assertEquals(8, head.length, line);
        String rest = head[7];
        assertTrue(rest.startsWith("["), "structured data expected: " + line);
        int at = 1;
        StringBuilder id = new StringBuilder();
        while (rest.charAt(at) != ' ' && rest.charAt(at) != ']') {
            id.append(rest.charAt(at++));
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (rest.charAt(at) == ' ') {
            int eq = rest.indexOf('=', at);
            String name = rest.substring(at + 1, eq);
            assertEquals('"', rest.charAt(eq + 1), line);
            StringBuilder value = new StringBuilder();
            at = eq + 2;
            while (rest.charAt(at) != '"') {
                if (rest.charAt(at) == '\\') {
                    at++;
                }
                value.append(rest.charAt(at++));
            }
            params.put(name, value.toString());
            at++;
        }
        assertEquals(']', rest.charAt(at), line);
        assertEquals('|', rest.charAt(at + 1), line);
        return new Received(head[0], head[1], head[2], head[3], head[4], head[5], head[6], id.toString(), params,
                rest.substring(at + 2));
    }

    private Optional<Received> receivedWith(String msgId, String key, String value) {
        for (String line : rsyslog.received()) {
            Received r = parse(line);
            if (r.msgId().equals(msgId) && value.equals(r.params().get(key))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private Received awaitReceived(String msgId, String key, String value) {
        Wait.until("rsyslog to receive " + msgId + " with " + key + "=" + value + " (received: "
                + rsyslog.received() + ")", PATIENCE, () -> receivedWith(msgId, key, value).isPresent());
        return receivedWith(msgId, key, value).orElseThrow();
    }

    /** The rows of today's call-log file as column name to value (the values here hold no commas or quotes). */
    private List<Map<String, String>> rowsOnDisk() throws Exception {
        Path file = dir.resolve("calls").resolve("calls-" + LocalDate.now() + ".csv");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            assertFalse(line.contains("\""), "no quoting expected: " + line);
            List<String> values = Arrays.asList(line.split(",", -1));
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private void call() {
        rig.callAndHangUp();
    }

    @Test
    void rowsOfRealCallsReachRsyslogAsRfc5424WithEveryColumnAndSurviveARestartOfTheReceiver() throws Exception {
        rsyslog = new Rsyslog(dir.resolve("rsyslog")).start();
        routeRecordsTo(rsyslog.port());
        sipp = Sipp.uas("uas", "-rtp_echo", "-m", "2"); // two calls: the last -m wins over the helper's
        int healthPort = FreePorts.udpAndTcp();
        rig = TerminalRig.start(dir, sipp.target(), FileDevice.silence(), "health.listen=127.0.0.1:" + healthPort);
        terminal = rig.terminal();
        OffsetDateTime before = OffsetDateTime.now().minusSeconds(2);

        call();

        Wait.until("the row on disk", PATIENCE, () -> terminal.callLog().status().ok()
                && !terminal.callLog().recent(1).isEmpty());
        Map<String, String> row = rowsOnDisk().get(0);
        String callId = row.get("call_id");
        Received first = awaitReceived("CALL", "call_id", callId);
        assertEquals("134", first.pri(), "local0 (16) * 8 + informational (6)");
        assertEquals("1", first.version());
        OffsetDateTime sent = OffsetDateTime.parse(first.timestamp());
        assertTrue(!sent.isBefore(before) && !sent.isAfter(OffsetDateTime.now().plusSeconds(2)), first.timestamp());
        assertEquals(HOST, first.hostname());
        assertEquals("hallphone", first.appName());
        assertEquals(Long.toString(ProcessHandle.current().pid()), first.procId());
        assertEquals("hallphone@32473", first.sdId());
        assertEquals(row, first.params(), "every column of the row, with its value, as structured data");
        assertEquals(14, first.params().size(), "the 13 columns of the first release and media");
        assertEquals("answered", first.params().get("outcome"));
        assertEquals("e2e-hall1", first.params().get("terminal_id"));
        assertTrue(first.msg().startsWith("CALL started_at=\"" + row.get("started_at")
                + "\" terminal_id=\"e2e-hall1\""), first.msg());
        assertEquals(1, rsyslog.received().stream().filter(l -> l.contains(callId)).count(), "exactly once");

        // The central server restarts; a rating given meanwhile waits in the queue.
        rsyslog.stop();
        assertTrue(terminal.ratings().record(callId, 5));
        rsyslog.start();
        Received rating = awaitReceived("RATING", "call_id", callId);
        assertEquals("5", rating.params().get("rating"));
        assertEquals(List.of("rated_at", "terminal_id", "call_id", "rating"), List.copyOf(rating.params().keySet()));

        call();
        Wait.until("the second row on disk", PATIENCE, () -> {
            try {
                return rowsOnDisk().size() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        Map<String, String> second = rowsOnDisk().get(1);
        assertEquals(second, awaitReceived("CALL", "call_id", second.get("call_id")).params());
        assertTrue(appender.connections() >= 2, "reconnected: " + appender.connections());
        assertEquals(0, appender.discarded());
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + healthPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("\nhallphone_records_discarded_total 0\n"), metrics);
    }

    @Test
    void theAppenderShippedInLogbackXmlWorksOnceUncommented() throws Exception {
        rsyslog = new Rsyslog(dir.resolve("rsyslog")).start();
        Path shipped = Path.of(System.getProperty("hallphone.project.dir", "."), "kiosk-config/logback.xml");
        String xml = Files.readString(shipped, StandardCharsets.UTF_8);
        assertTrue(xml.contains("<!-- CENTRE BEGIN") && xml.contains("CENTRE END -->"), "the commented-out block");
        String enabled = xml.replace("<!-- CENTRE BEGIN", "").replace("CENTRE END -->", "")
                .replace("<host>logs.example</host>", "<host>127.0.0.1</host>")
                .replace("<port>514</port>", "<port>" + rsyslog.port() + "</port>");
        LoggerContext context = new LoggerContext();
        context.putProperty("HALLPHONE_LOG_DIR", dir.resolve("logs").toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream(enabled.getBytes(StandardCharsets.UTF_8)));
        try {
            assertEquals(List.of(), context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(status -> status.getLevel() >= Status.WARN).map(Object::toString).toList());
            context.getLogger("hallphone.calls").atInfo().addMarker(MarkerFactory.getMarker("RATING"))
                    .addKeyValue("call_id", "c-77").addKeyValue("rating", "4")
                    .setMessage("RATING call_id=\"c-77\" rating=\"4\"").log();

            Received received = awaitReceived("RATING", "call_id", "c-77");
            assertEquals("134", received.pri());
            assertEquals("hallphone", received.appName());
            assertFalse(received.hostname().isEmpty() || received.hostname().equals("-"), received.hostname());
            assertEquals(Map.of("call_id", "c-77", "rating", "4"), received.params());
            assertEquals("RATING call_id=\"c-77\" rating=\"4\"", received.msg());
        } finally {
            context.stop();
        }
    }

    @Test
    void theShippedCentralRsyslogSnippetWritesOneJsonLinePerRecord() throws Exception {
        Path shipped = Path.of(System.getProperty("hallphone.project.dir", "."),
                "installer/central/rsyslog-hallphone.conf");
        Path logs = Files.createDirectories(dir.resolve("central-logs"));
        rsyslog = new Rsyslog(dir.resolve("rsyslog"));
        String conf = Files.readString(shipped, StandardCharsets.UTF_8);
        assertTrue(conf.contains("port=\"514\"") && conf.contains("/var/log/hallphone/"), conf);
        rsyslog.start(conf.replace("port=\"514\"", "port=\"" + rsyslog.port() + "\"")
                .replace("/var/log/hallphone/", logs + "/"));
        routeRecordsTo(rsyslog.port());

        LoggerFactory.getLogger("hallphone.calls").atInfo().addMarker(MarkerFactory.getMarker("CALL"))
                .addKeyValue("call_id", "c-9").addKeyValue("target", "sip:reps@pbx.example")
                .setMessage("CALL call_id=\"c-9\" target=\"sip:reps@pbx.example\"").log();

        Path file = logs.resolve("call-" + LocalDate.now() + ".jsonl");
        Wait.until("rsyslog to write " + file + " (" + rsyslog.diagnostics() + ")", PATIENCE,
                () -> Files.exists(file) && rsyslog.received(file).stream().anyMatch(l -> l.contains("c-9")));
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        assertTrue(line.matches("\\{\"msgid\":\"CALL\",\"host\":\"" + HOST + "\",\"row\":\\{ "
                + "\"call_id\": \"c-9\", \"target\": \"sip:reps@pbx.example\" }}"), line);
        assertFalse(rsyslog.diagnostics().toLowerCase().contains("error"), rsyslog.diagnostics());
    }

    @Test
    void theShippedTlsRelayCarriesRecordsToACentreThatOnlySpeaksTls() throws Exception {
        String openssl = Peers.require("openssl");
        Path pki = Files.createDirectories(dir.resolve("pki"));
        run(pki, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=Centre test CA");
        run(pki, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "centre.key", "-out", "centre.csr",
                "-subj", "/CN=logs.example");
        Files.writeString(pki.resolve("ext"), "subjectAltName=DNS:logs.example\n");
        run(pki, openssl, "x509", "-req", "-in", "centre.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-CAcreateserial", "-out", "centre.pem", "-days", "2", "-extfile", "ext");

        // The centre: rsyslog that accepts TLS only, with a certificate for logs.example.
        rsyslog = new Rsyslog(dir.resolve("centre"));
        rsyslog.start("""
                global(DefaultNetstreamDriverCAFile="%1$s/ca.pem" DefaultNetstreamDriverCertFile="%1$s/centre.pem"
                       DefaultNetstreamDriverKeyFile="%1$s/centre.key")
                module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
                template(name="fields" type="string" string="%%pri%%|1|%%timestamp%%|%%hostname%%|%%app-name%%\
                |%%procid%%|%%msgid%%|%%structured-data%%|%%msg%%\\n")
                ruleset(name="centre") { action(type="omfile" file="%2$s" template="fields") }
                input(type="imtcp" address="127.0.0.1" port="%3$d" ruleset="centre")
                """.formatted(pki, dir.resolve("centre").resolve("received.log"), rsyslog.port()));

        // The terminal's relay, as shipped, aimed at that centre.
        Rsyslog relay = new Rsyslog(dir.resolve("relay"));
        Path shipped = Path.of(System.getProperty("hallphone.project.dir", "."),
                "kiosk-config/rsyslog-tls-relay.conf");
        String conf = Files.readString(shipped, StandardCharsets.UTF_8);
        try (relay) {
            relay.start(conf.replace("/etc/hallphone/centre-ca.pem", pki.resolve("ca.pem").toString())
                    .replace("port=\"10514\"", "port=\"" + relay.port() + "\"")
                    .replace("target=\"logs.example\"", "target=\"127.0.0.1\"")
                    .replace("port=\"6514\"", "port=\"" + rsyslog.port() + "\""));
            routeRecordsTo(relay.port());
            LoggerFactory.getLogger("hallphone.calls").atInfo().addMarker(MarkerFactory.getMarker("CALL"))
                    .addKeyValue("call_id", "c-tls").addKeyValue("outcome", "answered")
                    .setMessage("CALL call_id=\"c-tls\" outcome=\"answered\"").log();

            Received received = awaitReceived("CALL", "call_id", "c-tls");
            assertEquals(HOST, received.hostname());
            assertEquals(Map.of("call_id", "c-tls", "outcome", "answered"), received.params());
            assertFalse(relay.diagnostics().toLowerCase().contains("error"), relay.diagnostics());
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": "
                + Files.readString(dir.resolve("openssl.log")));
    }
}
