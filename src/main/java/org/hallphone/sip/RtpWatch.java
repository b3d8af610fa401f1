package org.hallphone.sip;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports an answered call dead once when no RTP arrived for {@code sip.rtp-timeout-s}. */
final class RtpWatch {

    private static final Logger LOG = LoggerFactory.getLogger(RtpWatch.class);
    /** How often RTP inactivity is checked (ms). */
    static final long CHECK_MS = 500;

    private RtpWatch() {
    }

    /**
     * Starts watching {@code leg} every {@link #CHECK_MS}; returns the watch to cancel, or null when a zero limit
     * turns it off. The leg keeps it (see {@link CallLeg#watchRtp}).
     */
    static ScheduledFuture<?> start(CallLeg leg, Duration limit, ScheduledExecutorService thread,
                                    Consumer<CallEvent> events) {
        long limitMs = limit.toMillis();
        if (limitMs <= 0) {
            return null;
        }
        return thread.scheduleWithFixedDelay(() -> {
            try {
                if (leg.rtpMissingFor(limitMs)) {
                    LOG.warn("call {}: no RTP for {} s; reporting the call dead", leg.attemptId(), limitMs / 1000);
                    events.accept(new CallEvent.MediaTimedOut(leg.attemptId()));
                }
            } catch (Throwable e) {
                // a scheduled task that throws is never run again: the call would never be found dead (F22)
                LOG.error("call {}: RTP watch failed; it goes on", leg.attemptId(), e);
            }
        }, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    }
}
