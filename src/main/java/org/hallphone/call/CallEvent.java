package org.hallphone.call;

import java.time.Duration;
import java.util.List;

/**
 * Facts reported to the call flow (past tense) and requests from the screen. Adapters create them on their
 * own threads and {@link CallFlow#post post} them; the flow handles them one at a time on its thread.
 */
public sealed interface CallEvent {

    // ---- handset (hook switch) -------------------------------------------------------------------------

    /** The handset was lifted (already debounced; the warm-line delay is applied by the flow). */
    record HandsetLifted() implements CallEvent { }

    /** The handset was put back (debounced). */
    record HandsetReplaced() implements CallEvent { }

    /** The handset driver lost its device; {@code cause} is for the log, in plain words. */
    record HandsetLost(String cause) implements CallEvent { }

    /**
     * The handset driver has its device again; {@code lifted} is the hook state read at once. A text-mode device
     * cannot be asked for its state: then {@code stateKnown} is false and {@code lifted} is only a guess, which
     * the flow does not act on (a call under way is not ended by a reconnect).
     */
    record HandsetRestored(boolean lifted, boolean stateKnown) implements CallEvent {
        /** A restore whose hook state was read from the device. */
        public HandsetRestored(boolean lifted) {
            this(lifted, true);
        }
    }

    // ---- SIP -------------------------------------------------------------------------------------------

    /** Registration state changed; {@code cause} says why it is not registered (empty when registered). */
    record RegistrationChanged(boolean registered, String cause) implements CallEvent { }

    /** The SIP side can (or cannot) send at all: stack started, local address present. */
    record NetworkChanged(boolean usable, String cause) implements CallEvent { }

    /** A provisional response: 180 Ringing, or 183 with {@code earlyMedia} when the far end sends audio. */
    record AttemptRinging(long attemptId, int status, boolean earlyMedia) implements CallEvent { }

    /** A 2xx arrived and was acknowledged; media is flowing, encrypted or not ({@code media}). */
    record AttemptAnswered(long attemptId, Media media) implements CallEvent {
        /** An answer whose media is plain RTP. */
        public AttemptAnswered(long attemptId) {
            this(attemptId, Media.RTP);
        }
    }

    /**
     * The attempt ended without an answer.
     *
     * @param sipStatus  final status, or 0 for a transport failure or time-out with no response
     * @param kind       how the routing plan should treat it
     * @param retryAfter from a 503's Retry-After, {@link Duration#ZERO} when absent
     */
    record AttemptFailed(long attemptId, int sipStatus, Failure kind, Duration retryAfter, String cause)
            implements CallEvent { }

    /** A 3xx: the far end names other targets to try (in preference order). */
    record AttemptRedirected(long attemptId, int sipStatus, List<String> contacts) implements CallEvent {
        public AttemptRedirected {
            contacts = List.copyOf(contacts);
        }
    }

    /** The far end hung up an answered call (BYE received), or the dialog died for {@code cause}. */
    record RemoteHungUp(long attemptId, String cause) implements CallEvent { }

    /** No RTP arrived for {@code sip.rtp-timeout-s}: the call is dead. */
    record MediaTimedOut(long attemptId) implements CallEvent { }

    /** An RFC 4733 digit arrived from the far end (answer confirmation). */
    record DtmfReceived(long attemptId, char digit) implements CallEvent { }

    /** An allowed host calls the terminal back; the SIP side has sent 180 and waits for answer or hang-up. */
    record IncomingCall(long attemptId, String from) implements CallEvent { }

    /**
     * An allowed host called the terminal back with media it cannot carry (no G.711, an unknown profile, SRTP when
     * it is off or plain RTP when SRTP is required); the SIP side refused it with {@code sipStatus} before ringing.
     */
    record IncomingRefused(String from, int sipStatus, String cause) implements CallEvent { }

    // ---- screen and technician -------------------------------------------------------------------------

    /** The patient pressed a keypad key during a call. */
    record KeypadPressed(char digit) implements CallEvent { }

    /** The patient pressed a volume button: +1 louder, -1 quieter. */
    record VolumeRequested(int steps) implements CallEvent { }

    /** The technician asked for a test call from the service screen (places a call as if lifted). */
    record TestCallRequested() implements CallEvent { }

    // ---- internal --------------------------------------------------------------------------------------

    /** A timer of the flow ran out; stale generations are ignored. */
    record TimerFired(Timer timer, long generation) implements CallEvent { }

    /** Timers the flow sets; each kind has at most one running. */
    enum Timer {
        DIAL_DELAY, RING_TIMEOUT, RETRY, CONFIRM_ANSWER, MAX_DURATION_WARNING, MAX_DURATION, LEFT_OFFHOOK,
        /** Once a minute: office hours may have begun or ended. */
        HOURS_CHECK
    }

    /** How the routing plan treats a failed attempt. */
    enum Failure {
        /** 486/600: busy; move on. */
        BUSY,
        /** 603, 480 and other 4xx not listed under {@link #REFUSED}: declined or unavailable; move on. */
        DECLINED,
        /**
         * The target does not exist or refuses the terminal itself (404, 410, 484, 403, 401/407 after the
         * credentials): a broken call plan, never "busy"; move on. ({@link #MEDIA} counts as such a refusal too.)
         */
        REFUSED,
        /** 5xx including 503 (see retryAfter): move on. */
        SERVER,
        /** No final response in time (timer B), or the flow's ring time-out; move on. */
        NO_ANSWER,
        /** Transport error, unresolvable host, stack failure. */
        NETWORK,
        /**
         * 488/606, or an answer the terminal cannot carry (no common codec, unknown profile, SRTP it cannot agree
         * on): no media could be agreed; move on, and log the call failed rather than busy. Counts, like
         * {@link #REFUSED}, as the target refusing the terminal (the call-plan alarm).
         */
        MEDIA
    }
}
