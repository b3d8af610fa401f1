package org.hallphone.app;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.config.KioskConfig;
import org.hallphone.ops.Provisioning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a new central configuration between calls: once nobody is calling and the handset rests, the terminal
 * restarts with it (exit code 75; the service manager starts it again in about two seconds). A patient's call is
 * never cut for a configuration change. Nothing runs until a change is pending; then the call state is looked at
 * once a second.
 */
final class ApplyBetweenCalls implements Provisioning.Applier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApplyBetweenCalls.class);

    private final Supplier<CallSnapshot> calls;
    private final IntConsumer exit;
    private final AtomicInteger looks = new AtomicInteger();
    private ScheduledExecutorService waiting;

    /**
     * @param calls the call flow's current state
     * @param exit  ends the terminal with a process exit code
     */
    ApplyBetweenCalls(Supplier<CallSnapshot> calls, IntConsumer exit) {
        this.calls = calls;
        this.exit = exit;
    }

    @Override
    public synchronized void apply(KioskConfig next, List<String> changes) {
        if (waiting != null) {
            return; // already waiting for the end of the call; the restart reads the newest kept copy
        }
        waiting = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "apply-config");
            thread.setDaemon(true);
            return thread;
        });
        waiting.scheduleWithFixedDelay(this::restartIfIdle, 0, 1, TimeUnit.SECONDS);
    }

    private void restartIfIdle() {
        looks.incrementAndGet();
        CallSnapshot now = calls.get();
        if (now.state() == CallState.IDLE && !now.lifted()) {
            log.info("applying the new central configuration: restarting between calls");
            exit.accept(Main.EXIT_RESTART);
            waiting.shutdown();
        }
    }

    /** How often the call state has been looked at since a change arrived (tests). */
    int looks() {
        return looks.get();
    }

    @Override
    public synchronized void close() {
        if (waiting != null) {
            waiting.shutdownNow();
        }
    }
}
