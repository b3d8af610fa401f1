package org.hallphone.call;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.hallphone.call.CallEvent.Timer;
import org.hallphone.config.KioskConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state the rows of {@link CallFlow}'s transition table share (the call state, the hook, the call under way and
 * the faults) and the steps of a call's life that several rows take: a call starts, is answered, ends, and the
 * terminal settles back to rest. The rows decide when; this class knows how. Confined to the call-flow thread.
 */
final class CallSteps implements Dialling.Flow {

    private static final Logger log = LoggerFactory.getLogger(CallFlow.class);

    /** The timers that belong to one call and end with it. */
    private static final List<Timer> CALL_TIMERS = List.of(Timer.RING_TIMEOUT, Timer.RETRY, Timer.CONFIRM_ANSWER,
            Timer.MAX_DURATION_WARNING, Timer.MAX_DURATION);

    private final KioskConfig config;
    private final Telephony telephony;
    private final CallAudio audio;
    private final CallJournal journal;
    private final TimerSet timers;
    private final Clock clock;
    private final Faults faults = new Faults();

    private CallState state = CallState.IDLE;
    private boolean lifted;
    private boolean leftOffhookAlarm;
    private boolean nearMaxDuration;
    private ActiveCall call;
    private ActiveCall lastCall;

    CallSteps(KioskConfig config, Telephony telephony, CallAudio audio, CallJournal journal, TimerSet timers,
              Clock clock) {
        this.config = config;
        this.telephony = telephony;
        this.audio = audio;
        this.journal = journal;
        this.timers = timers;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- what the rows read

    @Override
    public CallState state() {
        return state;
    }

    /** {@code IDLE}, or {@code OUT_OF_SERVICE} when a fault is present: nothing under way. */
    boolean isIdleLike() {
        return state == CallState.IDLE || state == CallState.OUT_OF_SERVICE;
    }

    boolean lifted() {
        return lifted;
    }

    Faults faults() {
        return faults;
    }

    @Override
    public ActiveCall call() {
        return call;
    }

    /** The current attempt of the call under way; 0 when none. */
    long attemptId() {
        return call == null ? 0 : call.attemptId;
    }

    // ---------------------------------------------------------------- the hook

    /** Notes a lift; false when the handset was already lifted (nothing to do). */
    boolean lift() {
        if (lifted) {
            return false;
        }
        lifted = true;
        return true;
    }

    /** Notes a replace and clears the left-off-hook alarm; false when the handset was already resting. */
    boolean replace() {
        if (!lifted) {
            return false;
        }
        lifted = false;
        clearLeftOffhook();
        return true;
    }

    /** The handset is gone: its hook state is unknown until it is back, so it counts as resting. */
    void forgetHook() {
        lifted = false;
    }

    void clearLeftOffhook() {
        timers.cancel(Timer.LEFT_OFFHOOK);
        leftOffhookAlarm = false;
    }

    void raiseLeftOffhook() {
        leftOffhookAlarm = true;
    }

    void warnNearMaxDuration() {
        nearMaxDuration = true;
    }

    // ---------------------------------------------------------------- a call's life

    @Override
    public void enter(CallState next) {
        state = next;
    }

    /** A call starting now, made the current one. The one place the terminal's id goes into a call record. */
    ActiveCall begin(Direction direction) {
        call = newCall(direction);
        lastCall = call;
        return call;
    }

    /** A call record starting now that is never the current one (a refused call-back's row). */
    ActiveCall newCall(Direction direction) {
        return ActiveCall.start(config.terminal().id(), direction, now());
    }

    /** The current call's row opened in the journal, at the volume every call starts with. */
    void journalStarted() {
        journal.callStarted(call.record());
        audio.resetVolume();
    }

    /** The current attempt answered (and confirmed): the row says so, the call is TALKING, its length bounded. */
    @Override
    public void answered() {
        call.confirmPending = false;
        timers.cancel(Timer.CONFIRM_ANSWER);
        audio.stopTone();
        call.answeredAt = now();
        call.sipStatus = 200; // RFC 3261 §13.2.2.4: any 2xx answers; the log records the class
        journal.callAnswered(call.record());
        state = CallState.TALKING;
        Duration max = config.call().maxDuration();
        Duration warning = config.call().maxDurationWarning();
        if (max.compareTo(warning) > 0 && !warning.isZero()) {
            timers.start(Timer.MAX_DURATION_WARNING, max.minus(warning));
        }
        timers.start(Timer.MAX_DURATION, max);
        log.info("call {}: answered by {} on attempt {} after {} s", call.id, call.target, call.attempts,
                Duration.between(call.startedAt, call.answeredAt).toSeconds());
    }

    /**
     * The call is over: its row is written, and the terminal goes to ENDED (busy tone, "please hang up", the
     * left-off-hook timer) while the handset is still lifted, otherwise back to rest.
     */
    @Override
    public void finish(Outcome outcome, EndedBy endedBy) {
        CALL_TIMERS.forEach(timers::cancel);
        nearMaxDuration = false;
        call.outcome = outcome;
        call.endedBy = endedBy;
        call.endedAt = now();
        CallRecord ended = call.record();
        journal.callEnded(ended);
        log.info("call {}: ended, {} by {}, {} attempt(s), wait {} s, talk {} s", call.id, outcome.csv(),
                endedBy.csv(), call.attempts, ended.waitSeconds(), ended.talkSeconds());
        call = null;
        if (lifted && faults.handsetConnected()) {
            state = CallState.ENDED;
            audio.play(Tone.BUSY);
            if (endedBy == EndedBy.REMOTE || outcome == Outcome.ANSWERED) {
                audio.play(Prompt.CALL_ENDED);
            }
            Duration alarm = config.handset().leftOffhookAlarm();
            if (!alarm.isZero()) {
                timers.start(Timer.LEFT_OFFHOOK, alarm);
            }
        } else {
            audio.stopTone();
            settle();
        }
    }

    /** Hangs up the current attempt (when there is one) and ends the call with {@code outcome}. */
    void hangUpAndFinish(Outcome outcome, EndedBy endedBy) {
        if (attemptId() != 0) {
            telephony.hangUp(attemptId());
        }
        finish(outcome, endedBy);
    }

    /** Returns to idle-like (or stays in ENDED while lifted), with OUT_OF_SERVICE when a fault is present. */
    void settle() {
        if (call != null) {
            return;
        }
        if (state == CallState.ENDED && lifted && faults.handsetConnected()) {
            return;
        }
        state = faults.current() == null ? CallState.IDLE : CallState.OUT_OF_SERVICE;
    }

    /** Puts the flow's part of what the screen shows into {@code snapshot}. */
    void describe(CallSnapshot.Builder snapshot) {
        snapshot.state(state).lifted(lifted && faults.handsetConnected())
                .handsetConnected(faults.handsetConnected()).registered(faults.registered())
                .fault(faults.current(), faults.cause()).attempt(call == null ? 0 : call.attempts)
                .leftOffhookAlarm(leftOffhookAlarm).nearMaxDuration(nearMaxDuration);
        ActiveCall shown = call != null ? call : lastCall; // the screen shows the last call until the next
        if (shown != null) {
            shown.describe(snapshot);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
