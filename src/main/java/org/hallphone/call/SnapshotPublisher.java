package org.hallphone.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the flow's snapshots to its observers (the screen, the health endpoint, the metrics): the latest one to
 * any thread, and each one that differs from the last to every listener, on the call-flow thread. A listener
 * that throws is logged and does not keep the others from theirs.
 */
final class SnapshotPublisher {

    private static final Logger log = LoggerFactory.getLogger(SnapshotPublisher.class);

    private final List<Consumer<CallSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile CallSnapshot current;

    SnapshotPublisher(CallSnapshot first) {
        this.current = first;
    }

    /** The latest snapshot (any thread). */
    CallSnapshot current() {
        return current;
    }

    /** Adds a listener and gives it the latest snapshot at once (call-flow thread). */
    void add(Consumer<CallSnapshot> listener) {
        listeners.add(listener);
        notify(listener, current);
    }

    /** Publishes {@code next} unless it equals the latest (call-flow thread). */
    void publish(CallSnapshot next) {
        if (next.equals(current)) {
            return;
        }
        current = next;
        for (Consumer<CallSnapshot> listener : listeners) {
            notify(listener, next);
        }
    }

    private static void notify(Consumer<CallSnapshot> listener, CallSnapshot snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            log.error("snapshot listener failed", e);
        }
    }
}
