package org.hallphone.handset;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent;
import org.hallphone.testing.Wait;

/** Collects the events a driver posts, for tests. */
final class EventLog implements Consumer<CallEvent> {

    private final List<CallEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void accept(CallEvent event) {
        events.add(event);
    }

    List<CallEvent> all() {
        return List.copyOf(events);
    }

    int size() {
        return events.size();
    }

    /** Waits until {@code count} events have arrived and returns the last one. */
    CallEvent awaitCount(int count, Duration timeout) {
        Wait.until(count + " handset events (got " + events + ")", timeout, () -> events.size() >= count);
        return events.get(count - 1);
    }
}
