package org.hallphone.handset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hallphone.call.Timers;

/** {@link Timers} on a manual clock: tasks run only when the test advances time. */
final class ManualTimers implements Timers {

    private record Task(long dueNanos, long order, Runnable task, boolean[] cancelled) { }

    private final List<Task> tasks = new ArrayList<>();
    private long nowNanos;
    private long order;

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Task(nowNanos + delay.toNanos(), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Moves the clock forward, running every task that falls due, in order. */
    void advance(Duration by) {
        long target = nowNanos + by.toNanos();
        while (true) {
            Task next = tasks.stream()
                    .filter(t -> t.dueNanos() <= target)
                    .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::order))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            nowNanos = Math.max(nowNanos, next.dueNanos());
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
        nowNanos = target;
    }

    long nowMillis() {
        return nowNanos / 1_000_000;
    }

    long pending() {
        return tasks.stream().filter(t -> !t.cancelled()[0]).count();
    }
}
