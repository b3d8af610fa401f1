package org.hallphone.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent.AttemptAnswered;
import org.hallphone.call.CallEvent.AttemptFailed;
import org.hallphone.call.CallEvent.AttemptRedirected;
import org.hallphone.call.CallEvent.AttemptRinging;
import org.hallphone.call.CallEvent.DtmfReceived;
import org.hallphone.call.CallEvent.HandsetLifted;
import org.hallphone.call.CallEvent.HandsetLost;
import org.hallphone.call.CallEvent.HandsetReplaced;
import org.hallphone.call.CallEvent.HandsetRestored;
import org.hallphone.call.CallEvent.IncomingCall;
import org.hallphone.call.CallEvent.IncomingRefused;
import org.hallphone.call.CallEvent.KeypadPressed;
import org.hallphone.call.CallEvent.MediaTimedOut;
import org.hallphone.call.CallEvent.NetworkChanged;
import org.hallphone.call.CallEvent.RegistrationChanged;
import org.hallphone.call.CallEvent.RemoteHungUp;
import org.hallphone.call.CallEvent.TestCallRequested;
import org.hallphone.call.CallEvent.Timer;
import org.hallphone.call.CallEvent.TimerFired;
import org.hallphone.call.CallEvent.VolumeRequested;
import org.hallphone.config.KioskConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one state machine that decides what the terminal does. Adapters post facts ({@link CallEvent}); the flow
 * handles them one at a time on its own thread ("call-flow") and commands the {@link Telephony}, the
 * {@link CallAudio} and the {@link CallJournal}. Hook state (lifted or resting) is tracked apart from call state.
 *
 * <h2>Transition table</h2>
 * "Idle-like" means {@code IDLE}, or {@code OUT_OF_SERVICE} when a {@link Fault} is present. "Settle" means: go
 * to {@code ENDED} (busy tone, "please hang up", left-off-hook timer) when the handset is still lifted, otherwise to
 * idle-like. Events not listed for a state are ignored; an event type with no branch in {@code handle} at all is
 * logged as an error. The DIALING and RINGING rows of an outgoing call are decided by {@link Dialling}.
 * <pre>
 * state        event                         action                                               next
 * idle-like    HandsetLifted, delay 0        start call, dial first target, CONNECTING prompt     DIALING
 * idle-like    HandsetLifted, delay &gt; 0     start DIAL_DELAY timer                               (same)
 * idle-like    DIAL_DELAY fired, lifted      start call, dial first target                        DIALING
 * idle-like    HandsetReplaced, delay running cancel the delay; "no call" logged                  (same)
 * idle-like    HandsetLifted, network down   row out_of_service/system                            ENDED
 * idle-like    IncomingCall, resting         ring (RING tone), RING_TIMEOUT                       INCOMING
 * idle-like    IncomingCall, lifted          answer at once                                       TALKING
 * idle-like    TestCallRequested             start call as if lifted                              DIALING
 * DIALING      AttemptRinging                ringback unless early media                          RINGING
 * DIALING/RINGING AttemptAnswered            stop tones; confirm digit set: CONFIRM_ANSWER timer  TALKING (or same)
 * DIALING/RINGING AttemptFailed / RING_TIMEOUT / CONFIRM_ANSWER  hang up attempt; next target      DIALING
 *                                             (plan exhausted: row busy/no_answer/failed, settle)
 * DIALING/RINGING AttemptRedirected          dial the first contact (bounded by max redirects)    DIALING
 * DIALING/RINGING HandsetReplaced            hang up (CANCEL); row abandoned/patient              idle-like
 * TALKING      HandsetReplaced               hang up (BYE); row answered/patient                  idle-like
 * TALKING      RemoteHungUp                  row answered/remote; busy tone; never redials        ENDED
 * TALKING      MediaTimedOut                 hang up; row failed/system; snapshot "dropped"       settle
 * TALKING      MAX_DURATION_WARNING fired    WARNING tone                                         (same)
 * TALKING      MAX_DURATION fired            hang up; row answered/timeout                        settle
 * TALKING      KeypadPressed / VolumeRequested  send DTMF / adjust volume                         (same)
 * ENDED        HandsetReplaced               stop tones, clear alarm                              idle-like
 * ENDED        LEFT_OFFHOOK fired            raise the left-off-hook alarm                        (same)
 * ENDED        IncomingCall                  ring; never answered into a handset left lifted      INCOMING
 * INCOMING     HandsetLifted                 answer (after a replace when it rang while lifted)   TALKING
 * INCOMING     RemoteHungUp / RING_TIMEOUT   row no_answer/remote or timeout                      idle-like
 * any          IncomingRefused (488, media)  row in/failed/system with its status                 (same)
 * any          HandsetLost/Restored, RegistrationChanged, NetworkChanged: update the fault; a call under way
 *              goes on (a restored handset's hook state is applied as a lift or a replace)
 * </pre>
 * Events about an attempt other than the current one are stale: an answer is hung up, everything else ignored.
 */
public final class CallFlow implements CallControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallFlow.class);

    /** How often the office hours are re-evaluated for the screen. */
    static final Duration HOURS_CHECK_PERIOD = Duration.ofMinutes(1);

    private final KioskConfig config;
    private final Telephony telephony;
    private final CallAudio audio;
    private final CallJournal journal;
    private final Clock clock;
    private final FlowThread thread;
    private final TimerSet timers;
    private final SnapshotPublisher snapshots;
    private final RoutingPlan plan;
    private final Dialling dialling;

    // ---- state, touched only on the call-flow thread ----
    private final Faults faults = new Faults();
    private CallState state = CallState.IDLE;
    private boolean lifted;
    private boolean leftOffhookAlarm;
    private boolean nearMaxDuration;
    private Instant since;
    private ActiveCall call;
    private ActiveCall lastCall;

    /** The production flow: its own "call-flow" thread for events and timers. */
    public CallFlow(KioskConfig config, Telephony telephony, CallAudio audio, CallJournal journal, Clock clock) {
        this(config, telephony, audio, journal, clock, FlowThread.own());
    }

    /** The flow on {@code thread}; tests pass {@link FlowThread#on} with a direct executor and manual timers. */
    CallFlow(KioskConfig config, Telephony telephony, CallAudio audio, CallJournal journal, Clock clock,
             FlowThread thread) {
        this.config = config;
        this.telephony = telephony;
        this.audio = audio;
        this.journal = journal;
        this.clock = clock;
        this.thread = thread;
        this.timers = new TimerSet(thread.timers(), this::post);
        this.plan = new RoutingPlan(config.call(), clock);
        this.dialling = new Dialling(config.call(), telephony, audio, timers, plan, new DiallingFlow());
        this.since = clock.instant();
        this.snapshots = new SnapshotPublisher(buildSnapshot());
        thread.run(Timer.HOURS_CHECK, () -> timers.start(Timer.HOURS_CHECK, HOURS_CHECK_PERIOD));
    }

    @Override
    public void post(CallEvent event) {
        thread.run(event, () -> handle(event));
    }

    @Override
    public void subscribe(Consumer<CallSnapshot> listener) {
        thread.run("a new snapshot listener", () -> snapshots.add(listener));
    }

    @Override
    public CallSnapshot snapshot() {
        return snapshots.current();
    }

    /** The audio side's reading; the far end counts as speaking only while a call is answered. */
    @Override
    public EarpieceLevel earpiece() {
        EarpieceLevel level = audio.earpiece();
        if (level.farEndSpeaking() && snapshot().state() != CallState.TALKING) {
            return new EarpieceLevel(false, level.volumeStep(), level.maxVolumeSteps());
        }
        return level;
    }

    /**
     * Stops the flow. A call under way is finished first, on the call-flow thread: hung up and logged as
     * {@code interrupted} by {@code system} with the exact time of the stop (not left to the next start's
     * recovery, which knows the end only to a heartbeat). The thread is then shut down without an interrupt
     * (an interrupt would abort file or socket I/O half-way) and waited for.
     */
    @Override
    public void close() {
        thread.close(this::finishOnStop);
    }

    private void finishOnStop() {
        if (call == null) {
            return;
        }
        log.warn("call {}: the terminal is stopping during the call; logged as interrupted", call.id);
        if (attemptId() != 0) {
            telephony.hangUp(attemptId());
        }
        finishCall(Outcome.INTERRUPTED, EndedBy.SYSTEM);
    }

    // ================================================================ event handling (call-flow thread)

    private void handle(CallEvent event) {
        CallState before = state;
        if (event instanceof HandsetLifted) {
            onLifted();
        } else if (event instanceof HandsetReplaced) {
            onReplaced();
        } else if (event instanceof HandsetLost e) {
            onHandsetLost(e.cause());
        } else if (event instanceof HandsetRestored e) {
            onHandsetRestored(e.lifted(), e.stateKnown());
        } else if (event instanceof RegistrationChanged e) {
            onRegistration(e.registered(), e.cause());
        } else if (event instanceof NetworkChanged e) {
            onNetwork(e.usable(), e.cause());
        } else if (event instanceof AttemptRinging e) {
            dialling.onRinging(e);
        } else if (event instanceof AttemptAnswered e) {
            onAnswered(e.attemptId(), e.media());
        } else if (event instanceof AttemptFailed e) {
            dialling.onFailed(e);
        } else if (event instanceof AttemptRedirected e) {
            dialling.onRedirected(e);
        } else if (event instanceof RemoteHungUp e) {
            onRemoteHungUp(e);
        } else if (event instanceof MediaTimedOut e) {
            onMediaTimedOut(e.attemptId());
        } else if (event instanceof DtmfReceived e) {
            dialling.onDtmf(e);
        } else if (event instanceof IncomingCall e) {
            onIncoming(e);
        } else if (event instanceof IncomingRefused e) {
            onIncomingRefused(e);
        } else if (event instanceof KeypadPressed e) {
            onKeypad(e.digit());
        } else if (event instanceof VolumeRequested e) {
            onVolume(e.steps());
        } else if (event instanceof TestCallRequested) {
            onTestCall();
        } else if (event instanceof TimerFired e) {
            onTimer(e);
        } else {
            // CallEvent is sealed, so this is a CallEvent added without a branch here: a bug, and loud
            log.error("call flow: unknown event {} ignored; every CallEvent needs a branch in CallFlow.handle",
                    event == null ? "null" : event.getClass().getName());
        }
        if (state != before) {
            since = clock.instant();
            log.info("state {} -> {} after {}", before, state, event.getClass().getSimpleName());
        }
        publish();
    }

    private void onLifted() {
        if (lifted) {
            return;
        }
        lifted = true;
        switch (state) {
            case IDLE, OUT_OF_SERVICE -> {
                Duration delay = config.handset().dialDelay();
                if (delay.isZero()) {
                    startOutgoingCall();
                } else {
                    timers.start(Timer.DIAL_DELAY, delay);
                }
            }
            case INCOMING -> answerIncoming();
            default -> log.debug("handset lifted in {}: nothing to do", state);
        }
    }

    private void onReplaced() {
        if (!lifted) {
            return;
        }
        lifted = false;
        timers.cancel(Timer.LEFT_OFFHOOK);
        leftOffhookAlarm = false;
        switch (state) {
            case IDLE, OUT_OF_SERVICE -> {
                if (timers.cancel(Timer.DIAL_DELAY)) {
                    log.info("handset lifted and replaced within the warm-line delay ({} ms): no call placed",
                            config.handset().dialDelay().toMillis());
                }
            }
            case DIALING, RINGING -> {
                telephony.hangUp(attemptId());
                finishCall(Outcome.ABANDONED, EndedBy.PATIENT);
            }
            case TALKING -> {
                telephony.hangUp(attemptId());
                finishCall(Outcome.ANSWERED, EndedBy.PATIENT);
            }
            case ENDED -> {
                audio.stopTone();
                settle();
            }
            case INCOMING -> log.debug("handset replaced while ringing");
        }
    }

    private void onHandsetLost(String cause) {
        faults.handsetLost(cause);
        log.warn("handset lost: {}", cause);
        if (call != null) {
            log.warn("call {} goes on without the handset until the far end hangs up or the maximum duration",
                    call.id);
        }
        if (timers.cancel(Timer.DIAL_DELAY)) {
            log.info("warm-line delay cancelled: handset lost");
        }
        if (state == CallState.ENDED) {
            audio.stopTone();
            lifted = false;
            leftOffhookAlarm = false;
            timers.cancel(Timer.LEFT_OFFHOOK);
            settle();
        } else if (isIdleLike()) {
            lifted = false;
            settle();
        }
    }

    private void onHandsetRestored(boolean nowLifted, boolean stateKnown) {
        faults.handsetRestored();
        log.info("handset connected again, {}", stateKnown ? (nowLifted ? "lifted" : "resting") : "state unknown");
        if (isIdleLike()) {
            settle();
        }
        if (!stateKnown) {
            return; // the device's next line tells; until then nothing is decided on a guess
        }
        if (nowLifted && !lifted) {
            onLifted();
        } else if (!nowLifted && lifted) {
            onReplaced();
        }
    }

    private void onRegistration(boolean nowRegistered, String cause) {
        faults.registration(nowRegistered, cause);
        if (isIdleLike()) {
            settle();
        }
    }

    private void onNetwork(boolean usable, String cause) {
        faults.network(usable, cause);
        if (isIdleLike()) {
            settle();
        }
    }

    private void onAnswered(long id, Media media) {
        if (call == null || id != call.attemptId) {
            log.info("answer for stale attempt {}: hanging it up", id);
            telephony.hangUp(id);
            return;
        }
        call.media = media;
        if (call.direction == Direction.OUT) {
            dialling.onAnswered(call);
        } // an incoming call was answered when the handset was lifted; this is the far end's ACK
    }

    private void markAnswered() {
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

    private void onRemoteHungUp(RemoteHungUp e) {
        if (call == null || e.attemptId() != attemptId()) {
            return;
        }
        switch (state) {
            case TALKING -> {
                log.info("call {}: the far end hung up ({})", call.id, e.cause());
                finishCall(Outcome.ANSWERED, EndedBy.REMOTE);
            }
            case DIALING, RINGING -> {
                if (call.direction == Direction.OUT) {
                    dialling.onRemoteGone(call);
                }
            }
            case INCOMING -> finishCall(Outcome.NO_ANSWER, EndedBy.REMOTE);
            default -> { }
        }
    }

    private void onMediaTimedOut(long id) {
        if (call == null || id != attemptId() || state != CallState.TALKING) {
            return;
        }
        log.warn("call {}: no audio from the far end for {} s: ending the call", call.id,
                config.sip().rtp().inactivity().toSeconds());
        telephony.hangUp(attemptId());
        finishCall(Outcome.FAILED, EndedBy.SYSTEM);
    }

    private void onIncoming(IncomingCall e) {
        boolean free = isIdleLike() && !timers.running(Timer.DIAL_DELAY) || state == CallState.ENDED;
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
            timers.cancel(Timer.LEFT_OFFHOOK);
            leftOffhookAlarm = false;
        }
        call = newCall(Direction.IN);
        call.attempts = 1;
        call.target = e.from();
        call.attemptId = e.attemptId();
        lastCall = call;
        journal.callStarted(call.record());
        audio.resetVolume();
        log.info("call {}: call-back from {}", call.id, e.from());
        if (lifted && !leftLifted) {
            answerIncoming();
        } else {
            state = CallState.INCOMING;
            audio.play(Tone.RING);
            timers.start(Timer.RING_TIMEOUT, config.call().ringTimeout());
        }
    }

    /** A call-back refused for its media: logged as failed with its status, the current call undisturbed. */
    private void onIncomingRefused(IncomingRefused e) {
        log.info("call-back from {} refused with {}: {}", e.from(), e.sipStatus(), e.cause());
        ActiveCall refused = newCall(Direction.IN);
        refused.target = e.from();
        refused.attempts = 1;
        refused.sipStatus = e.sipStatus();
        refused.outcome = Outcome.FAILED;
        refused.endedBy = EndedBy.SYSTEM;
        refused.endedAt = refused.startedAt;
        journal.callEnded(refused.record());
    }

    private void answerIncoming() {
        timers.cancel(Timer.RING_TIMEOUT);
        audio.stopTone();
        telephony.answer(attemptId());
        markAnswered();
    }

    private void onKeypad(char digit) {
        if (state == CallState.TALKING) {
            telephony.sendDtmf(attemptId(), digit);
        }
    }

    private void onVolume(int steps) {
        if (call != null) {
            audio.adjustVolume(steps);
        }
    }

    private void onTestCall() {
        if (!isIdleLike() || timers.running(Timer.DIAL_DELAY)) {
            log.info("test call refused in {}", state);
            return;
        }
        log.info("test call requested by the technician");
        startOutgoingCall();
    }

    private void onTimer(TimerFired e) {
        if (!timers.fired(e)) {
            return; // cancelled or replaced
        }
        switch (e.timer()) {
            case DIAL_DELAY -> {
                if (lifted && isIdleLike()) {
                    startOutgoingCall();
                }
            }
            case RING_TIMEOUT -> onRingTimeout();
            case RETRY -> dialling.onRetry();
            case CONFIRM_ANSWER -> dialling.onConfirmTimeout();
            case MAX_DURATION_WARNING -> {
                if (state == CallState.TALKING) {
                    nearMaxDuration = true;
                    audio.play(Tone.WARNING);
                }
            }
            case MAX_DURATION -> onMaxDuration();
            case LEFT_OFFHOOK -> onLeftOffhook();
            case HOURS_CHECK -> timers.start(Timer.HOURS_CHECK, HOURS_CHECK_PERIOD);
        }
    }

    private void onRingTimeout() {
        if (state == CallState.INCOMING) {
            telephony.hangUp(attemptId());
            finishCall(Outcome.NO_ANSWER, EndedBy.TIMEOUT);
        } else if (state == CallState.DIALING || state == CallState.RINGING) {
            dialling.onRingTimeout(call);
        }
    }

    private void onMaxDuration() {
        if (state == CallState.TALKING) {
            log.info("call {}: maximum duration of {} s reached", call.id, config.call().maxDuration().toSeconds());
            telephony.hangUp(attemptId());
            finishCall(Outcome.ANSWERED, EndedBy.TIMEOUT);
        }
    }

    private void onLeftOffhook() {
        if (lifted && (state == CallState.ENDED || isIdleLike())) {
            leftOffhookAlarm = true;
            log.warn("handset left lifted for {} s after the call", config.handset().leftOffhookAlarm().toSeconds());
        }
    }

    // ================================================================ the call and its attempts

    private void startOutgoingCall() {
        timers.cancel(Timer.DIAL_DELAY);
        leftOffhookAlarm = false;
        timers.cancel(Timer.LEFT_OFFHOOK);
        call = newCall(Direction.OUT);
        lastCall = call;
        journal.callStarted(call.record());
        audio.resetVolume();
        if (!faults.networkUsable()) {
            log.warn("call {}: handset lifted but the terminal cannot call: {}", call.id, faults.networkCause());
            call.afterHours = plan.afterHours();
            finishCall(Outcome.OUT_OF_SERVICE, EndedBy.SYSTEM);
            return;
        }
        dialling.begin(call);
    }

    private void finishCall(Outcome outcome, EndedBy endedBy) {
        for (Timer t : List.of(Timer.RING_TIMEOUT, Timer.RETRY, Timer.CONFIRM_ANSWER, Timer.MAX_DURATION_WARNING,
                Timer.MAX_DURATION)) {
            timers.cancel(t);
        }
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

    /** Returns to idle-like (or stays in ENDED while lifted), with OUT_OF_SERVICE when a fault is present. */
    private void settle() {
        if (call != null) {
            return;
        }
        if (state == CallState.ENDED && lifted && faults.handsetConnected()) {
            return;
        }
        state = faults.current() == null ? CallState.IDLE : CallState.OUT_OF_SERVICE;
    }

    private boolean isIdleLike() {
        return state == CallState.IDLE || state == CallState.OUT_OF_SERVICE;
    }

    // ================================================================ timers, new calls and snapshots

    /** The current attempt of the call under way; 0 when none. */
    private long attemptId() {
        return call == null ? 0 : call.attemptId;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** A call starting now. The one place the terminal's id goes into a call record. */
    private ActiveCall newCall(Direction direction) {
        return ActiveCall.start(config.terminal().id(), direction, now());
    }

    private void publish() {
        snapshots.publish(buildSnapshot());
    }

    private CallSnapshot buildSnapshot() {
        CallSnapshot.Builder snapshot = CallSnapshot.builder(since).state(state)
                .lifted(lifted && faults.handsetConnected()).handsetConnected(faults.handsetConnected())
                .registered(faults.registered()).fault(faults.current(), faults.cause())
                .attempt(call == null ? 0 : call.attempts)
                .afterHours(call != null ? call.afterHours : plan.afterHours())
                .leftOffhookAlarm(leftOffhookAlarm).nearMaxDuration(nearMaxDuration).planAlarm(dialling.planAlarm());
        ActiveCall shown = call != null ? call : lastCall;
        if (shown != null) {
            shown.describe(snapshot);
        }
        return snapshot.build();
    }

    /** What {@link Dialling} may do to the flow: its moves between DIALING and RINGING, the answer, the end. */
    private final class DiallingFlow implements Dialling.Flow {
        @Override
        public ActiveCall call() {
            return call;
        }

        @Override
        public CallState state() {
            return state;
        }

        @Override
        public void enter(CallState next) {
            state = next;
        }

        @Override
        public void answered() {
            markAnswered();
        }

        @Override
        public void finish(Outcome outcome, EndedBy endedBy) {
            finishCall(outcome, endedBy);
        }
    }
}
