package org.hallphone.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * Sends log events to a syslog receiver over TCP (RFC 6587 §3.4.1 octet-counting framing: {@code LENGTH SP
 * MESSAGE}, the length in bytes of the UTF-8 message), each formatted by {@code layout} (normally
 * {@link Rfc5424Layout}). For the records to the centre (logger {@code hallphone.calls}, README).
 *
 * <p>Never blocks the caller: {@link #append} formats the event and offers it to a bounded queue
 * ({@code queueSize}, default {@value #DEFAULT_QUEUE_SIZE}); when the queue is full the event is discarded and
 * counted ({@link #discarded}, reported in the log at the first discard and every 100th). One daemon thread
 * ("syslog-sender") connects, writes and reconnects: a receiver that is down or restarts is tried again with a
 * back-off from 1 s up to {@code maxReconnectDelayMs} (default 30 s), and the message being sent is kept until
 * a connection takes it. Before each write the sender looks for the receiver's close (a restarted rsyslog closes
 * its old connections), so a message is not written into a socket already dead.
 *
 * <p>Plain TCP only: for TLS, send to a local relay that forwards with TLS (README).
 */
public final class SyslogTcpAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    static final int DEFAULT_QUEUE_SIZE = 1024;
    private static final int CONNECT_TIMEOUT_MS = 5000;
    private static final long MIN_RECONNECT_DELAY_MS = 1000;
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(SyslogTcpAppender.class);

    private String host;
    private int port = 514;
    private int queueSize = DEFAULT_QUEUE_SIZE;
    private long maxReconnectDelayMs = 30_000;
    private long flushPatienceMs = 2000;
    private Layout<ILoggingEvent> layout;

    private BlockingQueue<byte[]> queue;
    private Thread sender;
    private volatile boolean running;
    private final AtomicLong discarded = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    public void setHost(String host) {
        this.host = host;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public void setMaxReconnectDelayMs(long maxReconnectDelayMs) {
        this.maxReconnectDelayMs = maxReconnectDelayMs;
    }

    public void setFlushPatienceMs(long flushPatienceMs) {
        this.flushPatienceMs = flushPatienceMs;
    }

    public void setLayout(Layout<ILoggingEvent> layout) {
        this.layout = layout;
    }

    /** Events discarded because the queue was full (receiver unreachable for long). */
    public long discarded() {
        return discarded.get();
    }

    /**
     * The discards of the senders that logback's configuration attached to {@code loggerName}, summed (for
     * {@code /metrics}); empty when there is none.
     */
    public static Optional<LongSupplier> discardedOf(String loggerName) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        List<SyslogTcpAppender> senders = new ArrayList<>();
        context.getLogger(loggerName).iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof SyslogTcpAppender sender) {
                senders.add(sender);
            }
        });
        if (senders.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(() -> senders.stream().mapToLong(SyslogTcpAppender::discarded).sum());
    }

    /** Messages written to a connection. */
    public long sent() {
        return sent.get();
    }

    /** Connections made so far (1 plus the reconnections). */
    public long connections() {
        return connections.get();
    }

    @Override
    public void start() {
        boolean ok = true;
        if (host == null || host.isBlank()) {
            addError("no <host> for the syslog receiver in appender " + name);
            ok = false;
        }
        if (port < 1 || port > 65535) {
            addError("<port> must be 1..65535, got " + port + " in appender " + name);
            ok = false;
        }
        if (queueSize < 1) {
            addError("<queueSize> must be 1 or more, got " + queueSize + " in appender " + name);
            ok = false;
        }
        if (layout == null) {
            addError("no <layout> (e.g. org.hallphone.ops.Rfc5424Layout) in appender " + name);
            ok = false;
        }
        if (!ok) {
            return;
        }
        if (!layout.isStarted()) {
            layout.start();
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        running = true;
        sender = new Thread(this::sendLoop, "syslog-sender");
        sender.setDaemon(true);
        sender.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] message = layout.doLayout(event).getBytes(StandardCharsets.UTF_8);
        byte[] framed = frame(message);
        if (!queue.offer(framed)) {
            long n = discarded.incrementAndGet();
            if (n == 1 || n % 100 == 0) {
                log.warn("records to the centre: syslog receiver {}:{} has not taken {} queued messages; {} "
                        + "discarded so far", host, port, queueSize, n);
            }
        }
    }

    /** RFC 6587 §3.4.1: {@code MSG-LEN SP SYSLOG-MSG}. */
    static byte[] frame(byte[] message) {
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(message, 0, framed, prefix.length, message.length);
        return framed;
    }

    /**
     * Lets the sender write what is queued for up to {@code flushPatienceMs} (a receiver that is up gets the last
     * records of a stopping terminal), then closes the connection.
     */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(flushPatienceMs);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        sender.interrupt();
        try {
            sender.join(flushPatienceMs + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendLoop() {
        Socket socket = null;
        byte[] pending = null;
        long delay = MIN_RECONNECT_DELAY_MS;
        while (running) {
            try {
                if (pending == null) {
                    pending = queue.take();
                }
                if (socket != null && closedByPeer(socket)) {
                    addInfo("syslog receiver " + host + ":" + port + " closed the connection; reconnecting");
                    closeQuietly(socket);
                    socket = null;
                }
                if (socket == null) {
                    socket = connect();
                    delay = MIN_RECONNECT_DELAY_MS;
                }
                OutputStream out = socket.getOutputStream();
                out.write(pending);
                out.flush();
                pending = null;
                sent.incrementAndGet();
            } catch (InterruptedException e) {
                break;
            } catch (IOException e) {
                closeQuietly(socket);
                socket = null;
                addWarn("syslog receiver " + host + ":" + port + ": " + e + "; trying again in " + delay + " ms");
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException stop) {
                    break;
                }
                delay = Math.min(delay * 2, Math.max(MIN_RECONNECT_DELAY_MS, maxReconnectDelayMs));
            }
        }
        closeQuietly(socket);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setKeepAlive(true);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(1);
        } catch (IOException e) {
            closeQuietly(socket);
            throw e;
        }
        long n = connections.incrementAndGet();
        if (n > 1) {
            addInfo("connected again to syslog receiver " + host + ":" + port);
        }
        return socket;
    }

    /**
     * A syslog receiver never sends anything, so a read that returns end-of-stream (or fails) means it closed
     * its side; a read that times out after 1 ms means the connection is alive.
     */
    private static boolean closedByPeer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException alive) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }
}
