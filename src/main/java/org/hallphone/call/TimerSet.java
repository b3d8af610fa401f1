package org.hallphone.call;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent.Timer;
import org.hallphone.call.CallEvent.TimerFired;

/**
 * The call flow's timers: at most one of each {@link Timer} kind runs; when one runs out it is posted to the flow
 * as a {@link TimerFired} event carrying its generation, so that a timer cancelled or replaced after it fired but
 * before its event was handled is recognised as stale. Confined to the call-flow thread.
 */
final class TimerSet {

    private final Timers timers;
    private final Consumer<CallEvent> post;
    private final Map<Timer, Timers.Cancellable> running = new EnumMap<>(Timer.class);
    private final Map<Timer, Long> generations = new EnumMap<>(Timer.class);

    TimerSet(Timers timers, Consumer<CallEvent> post) {
        this.timers = timers;
        this.post = post;
    }

    /** (Re)starts {@code timer}; a running one of the same kind is cancelled first. */
    void start(Timer timer, Duration delay) {
        cancel(timer);
        long generation = generations.get(timer);
        running.put(timer, timers.schedule(delay, () -> post.accept(new TimerFired(timer, generation))));
    }

    /** Cancels {@code timer}; returns whether it was running. */
    boolean cancel(Timer timer) {
        generations.merge(timer, 1L, Long::sum);
        Timers.Cancellable task = running.remove(timer);
        if (task == null) {
            return false;
        }
        task.cancel();
        return true;
    }

    boolean running(Timer timer) {
        return running.containsKey(timer);
    }

    /**
     * Accepts a fired timer: true when it is the current one (it then no longer counts as running), false when
     * it was cancelled or replaced since.
     */
    boolean fired(TimerFired event) {
        if (generations.getOrDefault(event.timer(), 0L) != event.generation()) {
            return false;
        }
        running.remove(event.timer());
        return true;
    }
}
