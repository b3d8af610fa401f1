package org.hallphone.call;

import org.hallphone.call.CallEvent.IncomingCall;
import org.hallphone.call.CallEvent.IncomingRefused;
import org.hallphone.call.CallEvent.Timer;
import org.hallphone.config.CallConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A representative's call-back, the INCOMING rows of {@link CallFlow}'s transition table: ringing the hall, the
 * answer when the handset is lifted, and the rows of call-backs that were declined or refused. Confined to the
 * call-flow thread.
 */
final class Incoming {

    private static final Logger log = LoggerFactory.getLogger(CallFlow.class);

    private final CallConfig config;
    private final Telephony telephony;
    private final CallAudio audio;
    private final CallJournal journal;
    private final TimerSet timers;
    private final CallSteps steps;

    Incoming(CallConfig config, Telephony telephony, CallAudio audio, CallJournal journal, TimerSet timers,
             CallSteps steps) {
        this.config = config;
        this.telephony = telephony;
        this.audio = audio;
        this.journal = journal;
        this.timers = timers;
        this.steps = steps;
    }

    /** A call-back rings when the terminal is free (or only waiting for the handset to be replaced). */
    void onCall(IncomingCall e) {
        CallState state = steps.state();
        boolean free = steps.isIdleLike() && !timers.running(Timer.DIAL_DELAY) || state == CallState.ENDED;
        if (!free) {
            log.info("call-back while busy in {}: declined", state);
            telephony.hangUp(e.attemptId());
            return;
        }
        // a handset left lifted after the last call may hang off its hook in an empty hall: ring, and let a person
        // answer by replacing and lifting it, instead of putting the caller straight through
        boolean leftLifted = state == CallState.ENDED;
        if (leftLifted) {
            audio.stopTone();
            steps.clearLeftOffhook();
        }
        ActiveCall call = steps.begin(Direction.IN);
        call.attempts = 1;
        call.target = e.from();
        call.attemptId = e.attemptId();
        steps.journalStarted();
        log.info("call {}: call-back from {}", call.id, e.from());
        if (steps.lifted() && !leftLifted) {
            answer();
        } else {
            steps.enter(CallState.INCOMING);
            audio.play(Tone.RING);
            timers.start(Timer.RING_TIMEOUT, config.ringTimeout());
        }
    }

    /** A call-back refused for its media: logged as failed with its status, the current call undisturbed. */
    void onRefused(IncomingRefused e) {
        log.info("call-back from {} refused with {}: {}", e.from(), e.sipStatus(), e.cause());
        ActiveCall refused = steps.newCall(Direction.IN);
        refused.target = e.from();
        refused.attempts = 1;
        refused.sipStatus = e.sipStatus();
        refused.outcome = Outcome.FAILED;
        refused.endedBy = EndedBy.SYSTEM;
        refused.endedAt = refused.startedAt;
        journal.callEnded(refused.record());
    }

    /** The handset lifted while the call-back rings: the representative is put through. */
    void answer() {
        timers.cancel(Timer.RING_TIMEOUT);
        audio.stopTone();
        telephony.answer(steps.attemptId());
        steps.answered();
    }

    /** Nobody lifted the handset in time. */
    void onRingTimeout() {
        steps.hangUpAndFinish(Outcome.NO_ANSWER, EndedBy.TIMEOUT);
    }
}
