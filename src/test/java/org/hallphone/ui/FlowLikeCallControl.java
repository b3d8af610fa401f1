package org.hallphone.ui;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hallphone.call.CallControl;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.ManualHook;
import org.hallphone.call.Outcome;

/**
 * A small stand-in for CallFlow with the demo's simulated handset and a contact centre that always answers:
 * lifting dials, the far end rings after a moment and answers a moment later; replacing the handset ends the
 * call. It runs on its own "call-flow" thread and publishes snapshots like the real flow.
 */
final class FlowLikeCallControl implements CallControl, ManualHook, AutoCloseable {

    static final long RING_AFTER_MS = 150;
    static final long ANSWER_AFTER_MS = 300;

    final List<Character> dtmfSent = new CopyOnWriteArrayList<>();
    private final List<Consumer<CallSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService flow = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "flow-like-call-flow");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock;
    private volatile CallSnapshot current;
    private volatile boolean lifted;
    private int calls;

    FlowLikeCallControl(Clock clock) {
        this.clock = clock;
        this.current = Snap.idle().since(clock.instant()).build();
    }

    // ---- ManualHook ------------------------------------------------------------------------------------------

    @Override
    public void setLifted(boolean lift) {
        lifted = lift;
        post(lift ? new CallEvent.HandsetLifted() : new CallEvent.HandsetReplaced());
    }

    /** Whether the screen's button or space bar left the handset lifted. */
    boolean isLifted() {
        return lifted;
    }

    // ---- CallControl -----------------------------------------------------------------------------------------

    @Override
    public void post(CallEvent event) {
        flow.execute(() -> handle(event));
    }

    @Override
    public void subscribe(Consumer<CallSnapshot> listener) {
        flow.execute(() -> {
            listeners.add(listener);
            listener.accept(current);
        });
    }

    @Override
    public CallSnapshot snapshot() {
        return current;
    }

    private void handle(CallEvent event) {
        CallSnapshot s = current;
        if (event instanceof CallEvent.HandsetLifted && s.state() == CallState.IDLE) {
            String callId = "call-" + (++calls);
            publish(Snap.call(CallState.DIALING, callId).since(clock.instant()).build());
            flow.schedule(() -> {
                if (current.state() == CallState.DIALING && current.callId().equals(callId)) {
                    publish(Snap.call(CallState.RINGING, callId).since(clock.instant()).build());
                }
            }, RING_AFTER_MS, TimeUnit.MILLISECONDS);
            flow.schedule(() -> {
                if (current.state() == CallState.RINGING && current.callId().equals(callId)) {
                    publish(Snap.call(CallState.TALKING, callId).answeredAt(clock.instant())
                            .since(clock.instant()).build());
                }
            }, ANSWER_AFTER_MS, TimeUnit.MILLISECONDS);
        } else if (event instanceof CallEvent.HandsetReplaced && s.state() != CallState.IDLE) {
            Outcome outcome = s.state() == CallState.TALKING ? Outcome.ANSWERED
                    : s.state() == CallState.ENDED ? s.lastOutcome() : Outcome.ABANDONED;
            publish(Snap.idle().callId(s.callId()).direction(s.direction()).outcome(outcome)
                    .endedBy(s.endedBy() != null ? s.endedBy() : EndedBy.PATIENT).since(clock.instant()).build());
        } else if (event instanceof CallEvent.KeypadPressed key && s.state() == CallState.TALKING) {
            dtmfSent.add(key.digit());
        }
    }

    private void publish(CallSnapshot s) {
        current = s;
        listeners.forEach(l -> l.accept(s));
    }

    @Override
    public void close() {
        flow.shutdownNow();
    }
}
