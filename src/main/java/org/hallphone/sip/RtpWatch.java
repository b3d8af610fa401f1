package org.hallphone.sip;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent;
import org.hallphone.media.MediaSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reports an answered call dead once when no RTP arrived for {@code sip.rtp-timeout-s}. */
final class RtpWatch {

    private static final Logger LOG = LoggerFactory.getLogger(RtpWatch.class);
    /** How often RTP inactivity is checked (ms). */
    static final long CHECK_MS = 500;

    private RtpWatch() {
    }

    /** Starts watching {@code leg} (once; a zero limit turns the watch off). */
    static void start(CallLeg leg, Duration limit, ScheduledExecutorService thread, Consumer<CallEvent> events) {
        long limitMs = limit.toMillis();
        if (limitMs <= 0 || leg.rtpWatch != null) {
            return;
        }
        leg.rtpWatch = thread.scheduleWithFixedDelay(() -> {
            try {
                check(leg, limitMs, events);
            } catch (Throwable e) {
                // a scheduled task that throws is never run again: the call would never be found dead (F22)
                LOG.error("call {}: RTP watch failed; it goes on", leg.attemptId, e);
            }
        }, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    }

    private static void check(CallLeg leg, long limitMs, Consumer<CallEvent> events) {
        MediaSession media = leg.media;
        if (media == null || leg.mediaTimeoutReported || leg.stage != CallLeg.Stage.ANSWERED
                || leg.farEndSilentByDesign) {
            return; // on hold the far end sends nothing on purpose (RFC 3264 §8.4)
        }
        long sinceExpected = (System.nanoTime() - leg.rtpExpectedSinceNanos) / 1_000_000;
        if (Math.min(media.millisSinceLastPacket(), sinceExpected) >= limitMs) {
            leg.mediaTimeoutReported = true;
            LOG.warn("call {}: no RTP for {} s; reporting the call dead", leg.attemptId, limitMs / 1000);
            events.accept(new CallEvent.MediaTimedOut(leg.attemptId));
        }
    }
}
