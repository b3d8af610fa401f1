package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
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

    @Test
    void locationAndARefusedCentralConfigurationShowInHealthAndMetrics() throws Exception {
        metrics.setLocation("Поликлиника 3, 2 этаж");
        java.time.Instant good = STARTED.plusSeconds(60);
        metrics.alarms().watchProvisioning(() -> new Provisioning.Status(true, "kept copy", STARTED.plusSeconds(120),
                good, "https://prov.example/h/common.properties:2: call.cycles: expected a whole number", true));
        start("hall1");

        HttpResponse<String> health = request("GET", "/health");
        JsonNode json = StrictJson.parse(health.body());
        assertEquals("Поликлиника 3, 2 этаж", json.get("location").textValue());
        assertEquals("degraded", json.get("status").textValue(), "a refused central configuration needs central staff");
        JsonNode provisioning = json.get("provisioning");
        assertEquals("kept copy", provisioning.get("source").textValue());
        assertEquals(good.toString(), provisioning.get("last_success").textValue());
        assertTrue(provisioning.get("error").textValue().contains("common.properties:2: call.cycles"), health.body());

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
        JsonNode json = StrictJson.parse(request("GET", "/health").body());
        assertEquals("ok", json.get("status").textValue());
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
        JsonNode json = StrictJson.parse(response.body());
        assertEquals("ok", json.get("status").textValue());
        assertEquals("ivanovo-onco-hall1", json.get("terminal_id").textValue());
        assertEquals("0.1.0", json.get("version").textValue());
        assertEquals("idle", json.get("state").textValue());
        assertEquals(BooleanNode.TRUE, json.get("registered"));
        assertEquals(StrictJson.parse("{\"connected\": true, \"lifted\": false, \"left_offhook_alarm\": false}"),
                json.get("handset"));
        assertEquals(NullNode.getInstance(), json.get("fault"), "present, and null");
        assertEquals("", json.get("fault_cause").textValue());
        assertEquals("3723", json.get("uptime_s").toString(), "whole seconds");
        assertEquals(StrictJson.parse("{\"call_id\": \"call-5\", \"outcome\": \"answered\","
                + " \"ended_at\": \"2026-11-24T11:04:00+03:00\", \"media\": \"srtp\"}"), json.get("last_call"));
        assertEquals(NullNode.getInstance(), json.get("media"), "the current call's media, null before an answer");
    }

    @Test
    void degradedTerminalStillAnswers200() throws Exception {
        start("t1");
        snapshot.set(Snapshots.notRegistered());

        HttpResponse<String> response = request("GET", "/health");

        assertEquals(200, response.statusCode());
        JsonNode json = StrictJson.parse(response.body());
        assertEquals("degraded", json.get("status").textValue());
        assertEquals(BooleanNode.FALSE, json.get("registered"));
        assertEquals("registration", json.get("fault").textValue());
        assertEquals("401 Unauthorized", json.get("fault_cause").textValue());
        assertEquals(NullNode.getInstance(), json.get("last_call"));
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
        JsonNode json = StrictJson.parse(response.body());
        assertEquals("degraded", json.get("status").textValue());
        assertEquals("sip:nobody@pbx refused 3 calls in a row (last: 404 Not Found)",
                json.get("call_plan_alarm").textValue());
    }

    @Test
    void outOfServiceAnswers503WithTheCause() throws Exception {
        start("t1");
        snapshot.set(Snapshots.outOfService());

        HttpResponse<String> response = request("GET", "/health");

        assertEquals(503, response.statusCode());
        JsonNode json = StrictJson.parse(response.body());
        assertEquals("out_of_service", json.get("status").textValue());
        assertEquals("out_of_service", json.get("state").textValue());
        assertEquals("handset", json.get("fault").textValue());
        assertEquals("port /dev/ttyUSB0 \"gone\"", json.get("fault_cause").textValue());
        assertEquals(BooleanNode.FALSE, json.get("handset").get("connected"));
        assertEquals(BooleanNode.TRUE, json.get("handset").get("left_offhook_alarm"));
        JsonNode lastCall = json.get("last_call");
        assertEquals("call-6", lastCall.get("call_id").textValue());
        assertEquals("busy", lastCall.get("outcome").textValue());
        assertEquals(NullNode.getInstance(), lastCall.get("ended_at"));
    }

    @Test
    void beforeTheCallFlowReportsTheTerminalIsStarting() throws Exception {
        start("t1");
        snapshot.set(null);

        HttpResponse<String> response = request("GET", "/health");

        assertEquals(503, response.statusCode());
        assertEquals("starting", StrictJson.parse(response.body()).get("state").textValue());

        metrics.onSnapshot(Snapshots.talking());
        assertEquals("talking", StrictJson.parse(request("GET", "/health").body()).get("state").textValue());
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
        assertEquals(name, StrictJson.parse(health.body()).get("terminal_id").textValue());
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
