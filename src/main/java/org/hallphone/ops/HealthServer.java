package org.hallphone.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hallphone.call.CallSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health endpoint of the terminal, for fleet monitors, on the JDK's HTTP server:
 * <ul>
 *   <li>{@code GET /health}: JSON with the overall {@code status} ({@code ok}, {@code degraded},
 *       {@code out_of_service}), state, registration, handset, fault, last call, uptime and version; HTTP 200
 *       while in service, 503 when out of service, so a plain HTTP probe can alert.</li>
 *   <li>{@code GET /metrics}: Prometheus text format 0.0.4.</li>
 * </ul>
 * Other paths answer 404, other methods 405. It listens from construction until {@link #close}; requests are
 * served by two daemon threads. It only reads: nothing here changes the terminal.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final int THREADS = 2;
    private static final int BACKLOG = 16;

    private final Supplier<CallSnapshot> snapshots;
    private final Metrics metrics;
    private final String terminalId;
    private final String version;
    private final Instant startedAt;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Binds {@code listen} and starts serving.
     *
     * @param listen     {@code health.listen}: host:port (port 0 picks a free port, see {@link #port()})
     * @param snapshots  the call flow's latest snapshot ({@code CallControl::snapshot}); may return null before
     *                   the flow runs
     * @param startedAt  when the terminal software started (uptime)
     * @throws IllegalArgumentException when {@code listen} is not host:port
     * @throws UncheckedIOException naming the address when it cannot be bound (in use, not local)
     */
    public HealthServer(String listen, Supplier<CallSnapshot> snapshots, Metrics metrics, String terminalId,
                        String version, Instant startedAt) {
        this(listen, snapshots, metrics, terminalId, version, startedAt, Clock.systemUTC());
    }

    HealthServer(String listen, Supplier<CallSnapshot> snapshots, Metrics metrics, String terminalId,
                 String version, Instant startedAt, Clock clock) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.terminalId = Objects.requireNonNull(terminalId, "terminalId");
        this.version = Objects.requireNonNull(version, "version");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.clock = clock;
        InetSocketAddress address = ListenAddress.parse(listen);
        try {
            server = HttpServer.create(address, BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("health.listen: cannot listen on " + listen + ": " + e, e));
        }
        AtomicInteger threadNo = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "health-http-" + threadNo.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        log.info("health endpoint listening on {} (GET /health, GET /metrics)", server.getAddress());
    }

    /** The bound port (the chosen one when {@code listen} asked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/health") && !path.equals("/metrics")) {
                send(exchange, 404, TEXT, "not found: try /health or /metrics\n");
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, TEXT, "method not allowed: use GET\n");
                return;
            }
            CallSnapshot snapshot = currentSnapshot();
            Duration uptime = Duration.between(startedAt, clock.instant());
            if (path.equals("/health")) {
                send(exchange, HealthStatus.of(snapshot).httpStatus(), JSON,
                        HealthReport.json(snapshot, metrics, terminalId, version, uptime) + "\n");
            } else {
                send(exchange, 200, PrometheusText.CONTENT_TYPE,
                        metrics.prometheus(snapshot, terminalId, version, uptime));
            }
        } catch (RuntimeException e) {
            log.warn("health endpoint: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            send(exchange, 500, TEXT, "internal error\n");
        } finally {
            exchange.close();
        }
    }

    private CallSnapshot currentSnapshot() {
        CallSnapshot snapshot = snapshots.get();
        return snapshot != null ? snapshot : metrics.lastSnapshot().orElse(null);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening at once and ends the request threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
