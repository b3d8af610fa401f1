package org.hallphone.handset;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hallphone.call.Backoff;
import org.hallphone.call.CallEvent;
import org.hallphone.call.Timers;
import org.hallphone.config.HandsetConfig;
import org.hallphone.config.HandsetConfig.HandsetMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serial hook-switch driver (jssc), text or lines mode. All its work (opening, reading, polling, the health
 * check, debounce timers, reopening with back-off) runs on one daemon thread, {@code handset-serial}, so its state
 * needs no locks; only {@link #connected()} and {@link #lifted()} are read from other threads.
 *
 * <p>Nothing runs while nothing happens: in text mode the driver sleeps until the port has input or hangs up
 * ({@link InputWatch}; a 10 ms poll only when the JVM does not allow that); in lines mode the modem inputs are
 * polled every {@code handset.poll-ms} (jssc's line events are a busy loop, see {@link SerialConnection}); the
 * liveness check runs once a second.
 *
 * <p>Lost device: an I/O error or hang-up, the configured name no longer leading to the opened device node, or the
 * device not answering the liveness check closes the port and posts {@code HandsetLost(cause)};
 * the driver then reopens the port by the same name after 0.5 s, 1 s, 2 s ... up to 10 s between attempts, and
 * posts {@code HandsetRestored(lifted)} with the state read at once. Text mode cannot read the state: a text device
 * only speaks on a change (or when it repeats its state), so after opening the state is "resting" until the first
 * line, and a well-behaved device prints its state when it starts and every few seconds.
 */
final class SerialHandset implements HandsetDriver {

    /** Text mode without {@link InputWatch} (JVM option missing) reads queued bytes this often. */
    static final Duration TEXT_READ_PERIOD = Duration.ofMillis(10);
    /**
     * The liveness check (the name still leads to the opened node, the driver answers): a hang-up wakes the text
     * reader at once, so this only catches a device replaced under the same name, or a silent lines-mode adapter.
     */
    static final Duration LIVENESS_PERIOD = Duration.ofSeconds(1);
    /** Wake-ups in a row with nothing to read before the port is checked as if hung up. */
    private static final int MAX_EMPTY_WAKEUPS = 3;
    /** Lines mode: time for the hook switch's supply (DTR/RTS, just raised) to settle before the first reading. */
    static final Duration POWER_SETTLE = Duration.ofMillis(50);
    /** A shorter {@code handset.poll-ms} would only burn CPU. */
    static final Duration MIN_POLL = Duration.ofMillis(20);
    /** Most bytes read per tick; a text device sends a few words a second. */
    private static final int MAX_READ_BYTES = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(SerialHandset.class);

    private final HandsetConfig config;
    private final Consumer<CallEvent> events;
    private final HandsetTap tap;
    private final Duration poll;
    /** Text mode's decoding; null in lines mode. */
    private final TextMode text;
    /** Lines mode's decoding; null in text mode. */
    private final LinesMode lines;
    private final Backoff backoff = Backoff.DEVICE;
    private int reopenFailures;

    private volatile boolean connected;
    private volatile boolean lifted;
    private volatile boolean closed;
    private ScheduledExecutorService executor;

    // Confined to the handset-serial thread.
    private Debouncer debouncer;
    private SerialConnection connection;
    private InputWatch watch;
    private int emptyWakeups;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private long generation;
    private boolean lostReported;

    SerialHandset(HandsetConfig config, Consumer<CallEvent> events, HandsetTap tap) {
        this.config = config;
        this.events = events;
        this.tap = tap;
        this.poll = config.poll().compareTo(MIN_POLL) < 0 ? MIN_POLL : config.poll();
        boolean textMode = config.mode() == HandsetMode.TEXT;
        // Unusable words fail here, before any thread starts.
        this.text = textMode ? new TextMode(config.textOffhook(), config.textOnhook(),
                new UnknownLines(config.port(), System::nanoTime), tap) : null;
        this.lines = textMode ? null : new LinesMode(config.linesSignal(), config.offhookLevelHigh(), tap);
    }

    @Override
    public synchronized void start() {
        if (executor != null || closed) {
            return;
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "handset-serial");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // cancelled debounce timers must not pile up for months
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // a pending reopen must not delay close
        executor = scheduler;
        // The driver feeds each mode's readings to the debouncer, which reports a settled change to changed().
        debouncer = new Debouncer(config.debounce(), Timers.on(executor), HookState.RESTING, this::changed);
        executor.execute(guarded(this::connect));
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = executor;
        }
        if (running == null) {
            return;
        }
        try {
            running.execute(this::disconnect);
        } catch (RejectedExecutionException alreadyStopped) {
            // nothing left to close
        }
        running.shutdown();
        // An interrupted caller (the monitor stopped by an interrupt) must still let the port be closed.
        boolean interrupted = Thread.interrupted();
        try {
            if (!running.awaitTermination(2, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        connected = false;
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public boolean lifted() {
        return lifted;
    }

    // ---- on the handset-serial thread ------------------------------------------------------------------

    private void connect() {
        if (closed) {
            return;
        }
        boolean linesMode = lines != null;
        SerialConnection opened;
        try {
            opened = SerialConnection.open(config.port(), config.baud(), linesMode);
        } catch (IOException e) {
            openFailed(e.getMessage());
            return;
        }
        connection = opened;
        long mine = ++generation;
        if (linesMode) {
            // DTR/RTS were just raised: let the switch's supply settle before its first reading counts.
            schedule(() -> {
                if (mine == generation) {
                    beginLines(opened, mine);
                }
            }, POWER_SETTLE);
        } else {
            beginText(opened, mine);
        }
    }

    /** Text mode, port open: a text device cannot be asked, so resting until it speaks; its input wakes the driver. */
    private void beginText(SerialConnection opened, long mine) {
        text.reset();
        emptyWakeups = 0;
        watch = opened.watchInput(this::submit, () -> {
            if (mine == generation) {
                readOrLose(this::readWoken);
            }
        });
        if (watch == null) {
            repeat(() -> readOrLose(this::readText), TEXT_READ_PERIOD);
        }
        opened(HookState.RESTING, false,
                "text mode at " + config.baud() + " 8N1, state resting until the device says otherwise");
    }

    /** Lines mode, port open and powered: read the state now, then poll the inputs. */
    private void beginLines(SerialConnection opened, long mine) {
        HookState state;
        try {
            lines.reset();
            state = lines.read(opened);
        } catch (IOException e) {
            connection = null;
            generation++;
            opened.close();
            openFailed(e.getMessage());
            return;
        }
        repeat(() -> {
            if (mine == generation) {
                readOrLose(() -> debouncer.input(lines.read(opened)));
            }
        }, poll);
        opened(state, true, "lines mode, " + lines);
    }

    /** Either mode, reading started: take {@code state} as the debounced state and report {@code HandsetRestored}. */
    private void opened(HookState state, boolean stateKnown, String how) {
        debouncer.reset(state);
        lifted = state.lifted();
        connected = true;
        lostReported = false;
        reopenFailures = 0;
        repeat(this::healthCheck, LIVENESS_PERIOD);
        String hook = state.lifted() ? "lifted" : "resting";
        LOG.info("Handset {} open ({}); handset {}", config.port(), how, hook);
        tap.portStatus("open: " + how + "; handset " + hook);
        // A text device cannot be asked for its state: say so, so that a call under way is not ended on a guess.
        post(new CallEvent.HandsetRestored(state.lifted(), stateKnown));
    }

    private void openFailed(String cause) {
        Duration delay = backoff.delay(reopenFailures++);
        if (!lostReported) {
            lostReported = true;
            LOG.warn("Handset lost: {}; retrying every {} s at most", cause, Backoff.DEVICE.max().toSeconds());
            post(new CallEvent.HandsetLost(cause));
        } else {
            LOG.debug("Handset still absent: {}; next attempt in {} ms", cause, delay.toMillis());
        }
        tap.portStatus(cause + "; next attempt in " + delay.toMillis() + " ms");
        schedule(this::connect, delay);
    }

    private void lost(String cause) {
        disconnect();
        lostReported = true;
        LOG.warn("Handset lost: {}", cause);
        tap.portStatus("lost: " + cause);
        post(new CallEvent.HandsetLost(cause));
        schedule(this::connect, backoff.delay(reopenFailures++));
    }

    private void disconnect() {
        generation++;
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
        if (watch != null) {
            watch.close(); // before the port: the descriptor must not be closed under the selector
            watch = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (debouncer != null) {
            debouncer.reset(HookState.RESTING);
        }
        connected = false;
        lifted = false;
    }

    private void readText() throws IOException {
        feedText(connection.readQueued(MAX_READ_BYTES));
    }

    /** Input or a hang-up woke the driver: read, and check the port when wake-ups keep bringing nothing. */
    private void readWoken() throws IOException {
        byte[] bytes = connection.readQueued(MAX_READ_BYTES);
        if (bytes.length > 0) {
            emptyWakeups = 0;
            feedText(bytes);
            return;
        }
        if (++emptyWakeups >= MAX_EMPTY_WAKEUPS) {
            String vanished = connection.vanished();
            throw new IOException(vanished != null ? vanished
                    : "serial port " + config.port() + " signals input but delivers none (hung up?)");
        }
    }

    private void feedText(byte[] bytes) {
        text.readings(bytes, bytes.length).forEach(debouncer::input);
    }

    private void healthCheck() {
        if (connection == null) {
            return;
        }
        String vanished = connection.vanished();
        if (vanished != null) {
            lost(vanished);
            return;
        }
        readOrLose(connection::available);
    }

    private void changed(HookState state) {
        lifted = state.lifted();
        LOG.info("Handset {}", state.lifted() ? "lifted" : "replaced");
        post(state.lifted() ? new CallEvent.HandsetLifted() : new CallEvent.HandsetReplaced());
    }

    private void readOrLose(IoAction action) {
        if (connection == null) {
            return;
        }
        try {
            action.run();
        } catch (IOException e) {
            lost(e.getMessage());
        }
    }

    private void post(CallEvent event) {
        if (closed) {
            return;
        }
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.error("Handset event {} was not delivered", event, e);
        }
    }

    private void repeat(Runnable task, Duration period) {
        long nanos = period.toNanos();
        tasks.add(executor.scheduleWithFixedDelay(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS));
    }

    private void schedule(Runnable task, Duration delay) {
        if (!closed) {
            executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void submit(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException closing) {
            // the driver is closing; the event no longer matters
        }
    }

    /** A periodic task that throws is silently cancelled by the executor: log instead, and keep running. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Handset driver task failed", e);
            }
        };
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
