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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * Other paths answer 404, other methods 405. It listens from construction until {@link #close}. It only reads:
 * nothing here changes the terminal.
 *
 * <p>Slow or idle clients cannot starve it (the JDK server reads each request on a worker thread, so a client
 * that sends half a request holds that thread): up to {@link #MAX_THREADS} requests are read at once, a few more
 * wait in a bounded queue and any beyond are refused by closing the connection; the JDK server closes a
 * connection whose request is not complete within {@link #MAX_REQUEST_S} seconds, or whose response is not
 * taken within {@link #MAX_RESPONSE_S} seconds, and holds at most {@link #MAX_CONNECTIONS} connections.
 */
public final class HealthServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

    private static final String JSON = "application/json; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    /** Requests read and answered at once; a slow client holds one of them for at most {@link #MAX_REQUEST_S}. */
    static final int MAX_THREADS = 16;
    /** Requests waiting for a thread before new connections are refused. */
    static final int MAX_QUEUED = 16;
    static final int MAX_CONNECTIONS = 64;
    static final int MAX_REQUEST_S = 5;
    static final int MAX_RESPONSE_S = 5;
    /** A GET for /health or /metrics has a few hundred bytes of headers. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BACKLOG = 16;

    static {
        // Read once by the JDK's server configuration, when the first server is created: set them before that,
        // unless the command line already did (bin/hallphone passes the same values).
        limit("sun.net.httpserver.maxReqTime", MAX_REQUEST_S);
        limit("sun.net.httpserver.maxRspTime", MAX_RESPONSE_S);
        limit("jdk.httpserver.maxConnections", MAX_CONNECTIONS);
        limit("sun.net.httpserver.maxReqHeaderSize", MAX_HEADER_BYTES);
    }

    private static void limit(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(value));
        }
    }

    private final Supplier<CallSnapshot> snapshots;
    private final Metrics metrics;
    private final String terminalId;
    private final String version;
    private final Instant startedAt;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicLong refused = new AtomicLong();

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
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED), task -> {
                    Thread thread = new Thread(task, "health-http-" + threadNo.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, (task, full) -> {
                    // The JDK server closes the connection when its executor refuses the exchange.
                    refused.incrementAndGet();
                    throw new RejectedExecutionException("health endpoint busy: " + MAX_THREADS + " requests "
                            + "under way and " + MAX_QUEUED + " waiting");
                });
        pool.allowCoreThreadTimeOut(true);
        executor = pool;
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        log.info("health endpoint listening on {} (GET /health, GET /metrics)", server.getAddress());
    }

    /** Connections refused since start because every thread was busy and the queue full. */
    long refusedConnections() {
        return refused.get();
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
                send(exchange, HealthStatus.of(snapshot, metrics.alarms()).httpStatus(), JSON,
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
