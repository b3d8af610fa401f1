package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.Direction;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Media;
import org.hallphone.call.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real HTTP requests against the server on a free loopback port. */
class HealthServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Instant STARTED = Instant.parse("2026-11-24T08:00:00Z");

    private final AtomicReference<CallSnapshot> snapshot = new AtomicReference<>(Snapshots.idle());
    private final Metrics metrics = new Metrics();
    private HealthServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HealthServer start(String terminalId) {
        server = new HealthServer("127.0.0.1:0", snapshot::get, metrics, terminalId, "0.1.0", STARTED,
                Clock.fixed(STARTED.plusSeconds(3723), ZoneOffset.UTC));
        return server;
    }

    private HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }

    @Test
    void locationAndARefusedCentralConfigurationShowInHealthAndMetrics() throws Exception {
        metrics.setLocation("Поликлиника 3, 2 этаж");
        java.time.Instant good = STARTED.plusSeconds(60);
        metrics.alarms().watchProvisioning(() -> new Provisioning.Status(true, "kept copy", STARTED.plusSeconds(120),
                good, "https://prov.example/h/common.properties:2: call.cycles: expected a whole number", true));
        start("hall1");

        HttpResponse<String> health = request("GET", "/health");
        Map<String, Object> json = MiniJson.object(health.body());
        assertEquals("Поликлиника 3, 2 этаж", json.get("location"));
        assertEquals("degraded", json.get("status"), "a refused central configuration needs central staff");
        @SuppressWarnings("unchecked")
        Map<String, Object> provisioning = (Map<String, Object>) json.get("provisioning");
        assertEquals("kept copy", provisioning.get("source"));
        assertEquals(good.toString(), provisioning.get("last_success"));
        assertTrue(((String) provisioning.get("error")).contains("common.properties:2: call.cycles"), health.body());

        String text = request("GET", "/metrics").body();
        assertTrue(text.contains("location=\"Поликлиника 3, 2 этаж\"} 1\n"), text);
        assertTrue(text.contains("\nhallphone_provisioning_ok 0\n"), text);
        assertTrue(text.contains("\nhallphone_provisioning_last_success_seconds " + good.getEpochSecond() + "\n"),
                text);
    }

    @Test
    void anUnreachableProvisioningServerDoesNotDegradeTheTerminal() throws Exception {
        metrics.alarms().watchProvisioning(() -> new Provisioning.Status(true, "kept copy", STARTED, null,
                "provisioning server not reachable: connection refused", false));
        start("hall1");
        Map<String, Object> json = MiniJson.object(request("GET", "/health").body());
        assertEquals("ok", json.get("status"));
    }

    @Test
    void healthyTerminalAnswers200WithItsState() throws Exception {
        start("ivanovo-onco-hall1");
        metrics.onCallEnded(new CallRecord(OffsetDateTime.parse("2026-11-24T11:00:00+03:00"), "ivanovo-onco-hall1",
                "call-5", Direction.OUT, Outcome.ANSWERED, OffsetDateTime.parse("2026-11-24T11:00:06+03:00"),
                OffsetDateTime.parse("2026-11-24T11:04:00.700+03:00"), "sip:reps@pbx", 1, 200, EndedBy.PATIENT,
                Media.SRTP));

        HttpResponse<String> response = request("GET", "/health");

        assertEquals(200, response.statusCode());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        Map<String, Object> json = MiniJson.object(response.body());
        assertEquals("ok", json.get("status"));
        assertEquals("ivanovo-onco-hall1", json.get("terminal_id"));
        assertEquals("0.1.0", json.get("version"));
        assertEquals("idle", json.get("state"));
        assertEquals(true, json.get("registered"));
        assertEquals(Map.of("connected", true, "lifted", false, "left_offhook_alarm", false), child(json, "handset"));
        assertNull(json.get("fault"));
        assertTrue(json.containsKey("fault"));
        assertEquals("", json.get("fault_cause"));
        assertEquals(3723.0, json.get("uptime_s"));
        assertEquals(Map.of("call_id", "call-5", "outcome", "answered", "ended_at", "2026-11-24T11:04:00+03:00",
                "media", "srtp"), child(json, "last_call"));
        assertTrue(json.containsKey("media"), "the current call's media, null before an answer");
    }

    @Test
    void degradedTerminalStillAnswers200() throws Exception {
        start("t1");
        snapshot.set(Snapshots.notRegistered());

        HttpResponse<String> response = request("GET", "/health");

        assertEquals(200, response.statusCode());
        Map<String, Object> json = MiniJson.object(response.body());
        assertEquals("degraded", json.get("status"));
        assertEquals(false, json.get("registered"));
        assertEquals("registration", json.get("fault"));
        assertEquals("401 Unauthorized", json.get("fault_cause"));
        assertNull(json.get("last_call"));
    }

    @Test
    void aTargetThatKeepsRefusingTheTerminalMakesItDegraded() throws Exception {
        start("t1");
        org.hallphone.call.CallSnapshot idle = Snapshots.idle();
        snapshot.set(idle.toBuilder().callId("call-9").direction(Direction.OUT).lastOutcome(Outcome.FAILED)
                .endedBy(EndedBy.REMOTE).planAlarm("sip:nobody@pbx refused 3 calls in a row (last: 404 Not Found)")
                .build());

        HttpResponse<String> response = request("GET", "/health");

        assertEquals(200, response.statusCode(), "it can still call");
        Map<String, Object> json = MiniJson.object(response.body());
        assertEquals("degraded", json.get("status"));
        assertEquals("sip:nobody@pbx refused 3 calls in a row (last: 404 Not Found)", json.get("call_plan_alarm"));
    }

    @Test
    void outOfServiceAnswers503WithTheCause() throws Exception {
        start("t1");
        snapshot.set(Snapshots.outOfService());

        HttpResponse<String> response = request("GET", "/health");

        assertEquals(503, response.statusCode());
        Map<String, Object> json = MiniJson.object(response.body());
        assertEquals("out_of_service", json.get("status"));
        assertEquals("out_of_service", json.get("state"));
        assertEquals("handset", json.get("fault"));
        assertEquals("port /dev/ttyUSB0 \"gone\"", json.get("fault_cause"));
        assertEquals(false, child(json, "handset").get("connected"));
        assertEquals(true, child(json, "handset").get("left_offhook_alarm"));
        Map<String, Object> lastCall = child(json, "last_call");
        assertEquals("call-6", lastCall.get("call_id"));
        assertEquals("busy", lastCall.get("outcome"));
        assertNull(lastCall.get("ended_at"));
    }

    @Test
    void beforeTheCallFlowReportsTheTerminalIsStarting() throws Exception {
        start("t1");
        snapshot.set(null);

        HttpResponse<String> response = request("GET", "/health");

        assertEquals(503, response.statusCode());
        assertEquals("starting", MiniJson.object(response.body()).get("state"));

        metrics.onSnapshot(Snapshots.talking());
        assertEquals("talking", MiniJson.object(request("GET", "/health").body()).get("state"));
    }

    @Test
    void quotesAndControlCharactersInTheTerminalIdAreEscaped() throws Exception {
        String name = "Онкодиспансер \"холл 1\" \\ левый\n\t\u0001";
        start(name);

        HttpResponse<String> health = request("GET", "/health");
        HttpResponse<String> metricsText = request("GET", "/metrics");

        String escaped = "\"terminal_id\":"
                + "\"Онкодиспансер \\\"холл 1\\\" \\\\ левый\\n\\t\\u0001\"";
        assertTrue(health.body().contains(escaped), health.body());
        assertEquals(name, MiniJson.object(health.body()).get("terminal_id"));
        String label = "terminal=\"Онкодиспансер \\\"холл 1\\\" \\\\ левый\\n\t\u0001\"";
        assertTrue(metricsText.body().contains("hallphone_info{version=\"0.1.0\"," + label + ",location=\"\"} 1\n"),
                metricsText.body());
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        start("t1");
        snapshot.set(Snapshots.talking());
        metrics.onCallEnded(new CallRecord(OffsetDateTime.parse("2026-11-24T11:00:00+03:00"), "t1", "c",
                Direction.OUT, Outcome.NO_ANSWER, null, OffsetDateTime.parse("2026-11-24T11:01:00+03:00"), "", 2, 0,
                EndedBy.TIMEOUT));

        HttpResponse<String> response = request("GET", "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElse(""));
        String body = response.body();
        assertTrue(body.contains("\nhallphone_calls_total{outcome=\"no_answer\"} 1\n"), body);
        assertTrue(body.contains("\nhallphone_handset_lifted 1\n"), body);
        assertTrue(body.contains("\nhallphone_uptime_seconds 3723\n"), body);
    }

    @Test
    void otherMethodsAnswer405AndOtherPaths404() throws Exception {
        start("t1");

        HttpResponse<String> post = request("POST", "/health");
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElse(""));
        assertEquals(405, request("DELETE", "/metrics").statusCode());
        assertEquals(404, request("GET", "/").statusCode());
        assertEquals(404, request("GET", "/healthz").statusCode());
        assertEquals(404, request("POST", "/admin").statusCode());
        assertEquals(200, request("GET", "/health?verbose=1").statusCode());
    }

    @Test
    void addressInUseIsACleanErrorNamingIt() {
        start("t1");
        String listen = "127.0.0.1:" + server.port();

        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> new HealthServer(listen, snapshot::get, metrics, "t1", "0.1.0", STARTED).close());

        assertTrue(e.getMessage().contains("health.listen") && e.getMessage().contains(listen), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new HealthServer("localhost", snapshot::get, metrics, "t1", "0.1.0", STARTED).close());
    }
}
