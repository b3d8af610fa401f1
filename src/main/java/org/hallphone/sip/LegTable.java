package org.hallphone.sip;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;

/** The calls under way, by the flow's attempt id and by Call-ID, and how a call leaves the table. SIP thread only. */
final class LegTable {

    /** How long a finished outgoing leg stays findable by Call-ID for a late 2xx (64·T1, RFC 3261 §17.1.1.2). */
    static final long LINGER_MS = 64 * 500L;

    private final Map<Long, CallLeg> byAttempt = new HashMap<>();
    private final Map<String, CallLeg> byCallId = new HashMap<>();
    private final ScheduledExecutorService thread;

    LegTable(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    void add(CallLeg leg) {
        byAttempt.put(leg.attemptId(), leg);
        byCallId.put(leg.callId(), leg);
    }

    CallLeg byAttempt(long attemptId) {
        return byAttempt.get(attemptId);
    }

    /** The leg a message belongs to (by its Call-ID), or null. */
    CallLeg of(Message message) {
        CallIdHeader callId = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return callId == null ? null : byCallId.get(callId.getCallId());
    }

    /** True while any call (outgoing or incoming) is under way. */
    boolean busy() {
        return !byAttempt.isEmpty();
    }

    List<CallLeg> active() {
        return List.copyOf(byAttempt.values());
    }

    /** Legs still known by Call-ID, finished ones lingering for a late 2xx included. */
    int known() {
        return byCallId.size();
    }

    void clear() {
        byAttempt.clear();
        byCallId.clear();
    }

    /** Drops a finished leg at once, also by Call-ID (its INVITE transaction is given up). */
    void forget(CallLeg leg) {
        byCallId.remove(leg.callId(), leg);
    }

    /**
     * Ends a leg: media and timers released, no longer under way. An outgoing leg whose INVITE transaction may still
     * deliver a 2xx (one that crossed our CANCEL) stays findable by Call-ID a little longer, so that it is ACKed
     * and ended with BYE.
     */
    void finish(CallLeg leg) {
        leg.end();
        byAttempt.remove(leg.attemptId());
        if (leg.mayStillBeAnswered()) {
            thread.schedule(() -> byCallId.remove(leg.callId(), leg), LINGER_MS, TimeUnit.MILLISECONDS);
        } else {
            byCallId.remove(leg.callId());
        }
    }
}
