package org.hallphone.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hallphone.call.CallControl;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.EarpieceLevel;

/**
 * A call flow that the test steers by hand: it publishes the snapshots it is given on its own "call-flow" thread
 * (as the real flow does) and records the events posted to it.
 */
class FakeCallControl implements CallControl, AutoCloseable {

    final List<CallEvent> posted = new CopyOnWriteArrayList<>();
    private final List<Consumer<CallSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService flowThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-call-flow");
        t.setDaemon(true);
        return t;
    });
    private volatile CallSnapshot current;
    private volatile EarpieceLevel earpiece = EarpieceLevel.QUIET;

    FakeCallControl(CallSnapshot first) {
        this.current = first;
    }

    @Override
    public void post(CallEvent event) {
        posted.add(event);
    }

    @Override
    public void subscribe(Consumer<CallSnapshot> listener) {
        flowThread.execute(() -> {
            listeners.add(listener);
            listener.accept(current);
        });
    }

    @Override
    public CallSnapshot snapshot() {
        return current;
    }

    @Override
    public EarpieceLevel earpiece() {
        return earpiece;
    }

    /** What the earpiece reports from now on (as the audio side would). */
    void setEarpiece(EarpieceLevel level) {
        earpiece = level;
    }

    /** Publishes {@code s} on the flow thread and waits until the listeners have had it. */
    void publish(CallSnapshot s) {
        try {
            flowThread.submit(() -> {
                current = s;
                listeners.forEach(l -> l.accept(s));
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    <T extends CallEvent> List<T> posted(Class<T> type) {
        return posted.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        flowThread.shutdownNow();
    }
}
