package org.hallphone.ui;

import java.util.Locale;
import org.hallphone.call.CallSnapshot;
import org.hallphone.call.CallState;
import org.hallphone.call.Outcome;

/** The patient's screens. Which one shows is a pure function of the call snapshot, see {@link #of}. */
enum ScreenKind {
    /** Ready: lift the handset. */
    READY,
    /** Ready, outside office hours: the 24-hour centre answers. */
    AFTER_HOURS,
    /** Dialling or ringing. */
    CONNECTING,
    /** Talking: timer, volume, keypad. */
    TALKING,
    /** The call is over (the far end hung up or the time ran out) and the handset is still lifted. */
    ENDED,
    /** Busy, no answer or failure: what to do now. */
    NOT_REACHED,
    /** An answered call was cut off by the network (handset still lifted): not the patient's fault, lift again. */
    DROPPED,
    /** The terminal cannot call; the cause in plain words and the hotline. */
    OUT_OF_SERVICE,
    /** The handset was left lifted after a call. */
    LEFT_OFFHOOK,
    /** A representative calls back. */
    INCOMING,
    /** After an answered call, back at rest: "how much did we help you?". */
    RATING,
    /** After a rating: thank you; after a low one, where else to turn. */
    THANKS;

    /**
     * The screen for a snapshot.
     *
     * @param askRating the view model wants a rating for the call that just ended (only considered at rest)
     */
    static ScreenKind of(CallSnapshot s, boolean askRating) {
        return of(s, askRating, false);
    }

    /**
     * The screen for a snapshot.
     *
     * @param askRating the view model wants a rating for the call that just ended (only considered at rest)
     * @param thanking  the patient has just rated the call (only considered at rest)
     */
    static ScreenKind of(CallSnapshot s, boolean askRating, boolean thanking) {
        if (s.state() == CallState.OUT_OF_SERVICE) {
            return OUT_OF_SERVICE;
        }
        if (s.leftOffhookAlarm()) {
            return LEFT_OFFHOOK;
        }
        return switch (s.state()) {
            case IDLE -> thanking ? THANKS : askRating ? RATING : s.afterHours() ? AFTER_HOURS : READY;
            case OUT_OF_SERVICE -> OUT_OF_SERVICE;
            case DIALING, RINGING -> CONNECTING;
            case TALKING -> TALKING;
            case ENDED -> s.dropped() ? DROPPED : notReached(s.lastOutcome()) ? NOT_REACHED : ENDED;
            case INCOMING -> INCOMING;
        };
    }

    /** The node id of this screen when shown: {@code screen-} and the name, such as {@code screen-not-reached}. */
    String nodeId() {
        return "screen-" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the screens of a patient at rest, where a new session of the kiosk begins. */
    boolean atRest() {
        return this == READY || this == AFTER_HOURS || this == OUT_OF_SERVICE;
    }

    private static boolean notReached(Outcome outcome) {
        return outcome == Outcome.BUSY || outcome == Outcome.NO_ANSWER || outcome == Outcome.FAILED
                || outcome == Outcome.OUT_OF_SERVICE;
    }
}
