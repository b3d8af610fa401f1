package org.hallphone.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review finding F6, from outside: clients that send half a request and keep the connection open must not
 * silence {@code /health}, and the journal's alarm shows in {@code /health} and {@code /metrics}.
 */
class HealthStarvationTest {

    /** Far above the one second the endpoint needs, far below "never" (the old server answered not at all). */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(4);

    private final Metrics metrics = new Metrics();
    private final List<Socket> slow = new ArrayList<>();
    private HealthServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : slow) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start() {
        server = new HealthServer("127.0.0.1:0", Snapshots::idle, metrics, "t1", "0.1.0", Instant.now());
    }

    private Socket halfRequest() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // no blank line
        out.flush();
        slow.add(socket);
        return socket;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_WITHIN).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(ANSWER_WITHIN).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void halfSentRequestsDoNotSilenceHealth() throws Exception {
        start();
        for (int i = 0; i < 8; i++) {
            halfRequest();
        }
        Thread.sleep(300); // let the server take them all (each holds a worker thread reading its request)

        HttpResponse<String> response = get("/health");

        assertEquals(200, response.statusCode());
        assertEquals("ok", StrictJson.parse(response.body()).get("status").textValue());
    }

    @Test
    void slowClientsAreCutOffAndAFloodIsRefused() throws Exception {
        start();
        int flood = HealthServer.MAX_THREADS + HealthServer.MAX_QUEUED + 8;
        for (int i = 0; i < flood; i++) {
            halfRequest();
        }
        Wait.until("the connections beyond the queue to be refused", Duration.ofSeconds(20),
                () -> server.refusedConnections() >= 1);
        // Every slow client is closed once its request time is over; then health answers again.
        for (Socket socket : slow) {
            assertTrue(closedByServer(socket, Duration.ofSeconds(HealthServer.MAX_REQUEST_S + 15)),
                    "a half request is not held for ever");
        }
        assertEquals(200, get("/health").statusCode());
    }

    private static boolean closedByServer(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        try {
            byte[] buffer = new byte[512];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void unwrittenCallLogMakesHealthDegradedWithItsCause() throws Exception {
        start();
        metrics.alarms().watchJournal(() -> new Alarms.Journal(false,
                "cannot write calls-2026-11-24.csv: No space left on device", 2, 1, 3, 0, 0));

        HttpResponse<String> health = get("/health");
        String text = get("/metrics").body();

        assertEquals(200, health.statusCode(), "patients can still call");
        JsonNode json = StrictJson.parse(health.body());
        assertEquals("degraded", json.get("status").textValue());
        JsonNode calllog = json.get("calllog");
        assertEquals(BooleanNode.FALSE, calllog.get("ok"));
        assertEquals("cannot write calls-2026-11-24.csv: No space left on device", calllog.get("problem").textValue());
        assertEquals("2", calllog.get("unwritten_rows").toString());
        assertTrue(text.contains("\nhallphone_calllog_unwritten_rows 2\n"), text);
        assertTrue(text.contains("\nhallphone_calllog_write_errors_total 3\n"), text);
        assertTrue(text.contains("\nhallphone_calllog_ok 0\n"), text);
    }

    @Test
    void servicePinLockOutShowsInHealthAndMetrics() throws Exception {
        start();
        metrics.alarms().watchServicePin(() -> new Alarms.ServicePin(0, true, 5, 1));

        JsonNode json = StrictJson.parse(get("/health").body());
        String text = get("/metrics").body();

        JsonNode pin = json.get("service_pin");
        assertEquals(BooleanNode.TRUE, pin.get("locked"));
        assertTrue(text.contains("\nhallphone_service_pin_failures_total 5\n"), text);
        assertTrue(text.contains("\nhallphone_service_pin_lockouts_total 1\n"), text);
        assertTrue(text.contains("\nhallphone_service_pin_locked 1\n"), text);
    }
}
