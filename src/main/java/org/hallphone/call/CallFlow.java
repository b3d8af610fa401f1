package org.hallphone.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * logged as an error. The DIALING and RINGING rows of an outgoing call are decided by {@link Dialling}, the
 * INCOMING rows of a call-back by {@link Incoming}, the TALKING rows by {@link Talking}; the steps they share
 * (start, answer, end, settle) and the state they read are {@link CallSteps}.
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
    private final Clock clock;
    private final FlowThread thread;
    private final TimerSet timers;
    private final SnapshotPublisher snapshots;
    private final RoutingPlan plan;
    private final CallSteps steps;
    private final Dialling dialling;
    private final Incoming incoming;
    private final Talking talking;
    /** When the state last changed (call-flow thread). */
    private Instant since;

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
        this.clock = clock;
        this.thread = thread;
        this.timers = new TimerSet(thread.timers(), this::post);
        this.plan = new RoutingPlan(config.call(), clock);
        this.steps = new CallSteps(config, telephony, audio, journal, timers, clock);
        this.dialling = new Dialling(config.call(), telephony, audio, timers, plan, steps);
        this.incoming = new Incoming(config.call(), telephony, audio, journal, timers, steps);
        this.talking = new Talking(config, telephony, audio, steps);
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
        ActiveCall call = steps.call();
        if (call == null) {
            return;
        }
        log.warn("call {}: the terminal is stopping during the call; logged as interrupted", call.id);
        steps.hangUpAndFinish(Outcome.INTERRUPTED, EndedBy.SYSTEM);
    }

    // ================================================================ event handling (call-flow thread)

    private void handle(CallEvent event) {
        CallState before = steps.state();
        if (event instanceof HandsetLifted) {
            onLifted();
        } else if (event instanceof HandsetReplaced) {
            onReplaced();
        } else if (event instanceof HandsetLost e) {
            onHandsetLost(e.cause());
        } else if (event instanceof HandsetRestored e) {
            onHandsetRestored(e.lifted(), e.stateKnown());
        } else if (event instanceof RegistrationChanged e) {
            steps.faults().registration(e.registered(), e.cause());
            settleWhenIdle();
        } else if (event instanceof NetworkChanged e) {
            steps.faults().network(e.usable(), e.cause());
            settleWhenIdle();
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
            talking.onMediaTimedOut(e.attemptId());
        } else if (event instanceof DtmfReceived e) {
            dialling.onDtmf(e);
        } else if (event instanceof IncomingCall e) {
            incoming.onCall(e);
        } else if (event instanceof IncomingRefused e) {
            incoming.onRefused(e);
        } else if (event instanceof KeypadPressed e) {
            talking.onKeypad(e.digit());
        } else if (event instanceof VolumeRequested e) {
            talking.onVolume(e.steps());
        } else if (event instanceof TestCallRequested) {
            onTestCall();
        } else if (event instanceof TimerFired e) {
            onTimer(e);
        } else {
            // CallEvent is sealed, so this is a CallEvent added without a branch here: a bug, and loud
            log.error("call flow: unknown event {} ignored; every CallEvent needs a branch in CallFlow.handle",
                    event == null ? "null" : event.getClass().getName());
        }
        if (steps.state() != before) {
            since = clock.instant();
            log.info("state {} -> {} after {}", before, steps.state(), event.getClass().getSimpleName());
        }
        snapshots.publish(buildSnapshot());
    }

    // ================================================================ the hook and the faults

    private void onLifted() {
        if (!steps.lift()) {
            return;
        }
        switch (steps.state()) {
            case IDLE, OUT_OF_SERVICE -> {
                Duration delay = config.handset().dialDelay();
                if (delay.isZero()) {
                    startOutgoingCall();
                } else {
                    timers.start(Timer.DIAL_DELAY, delay);
                }
            }
            case INCOMING -> incoming.answer();
            default -> log.debug("handset lifted in {}: nothing to do", steps.state());
        }
    }

    private void onReplaced() {
        if (!steps.replace()) {
            return;
        }
        switch (steps.state()) {
            case IDLE, OUT_OF_SERVICE -> {
                if (timers.cancel(Timer.DIAL_DELAY)) {
                    log.info("handset lifted and replaced within the warm-line delay ({} ms): no call placed",
                            config.handset().dialDelay().toMillis());
                }
            }
            case DIALING, RINGING -> steps.hangUpAndFinish(Outcome.ABANDONED, EndedBy.PATIENT);
            case TALKING -> steps.hangUpAndFinish(Outcome.ANSWERED, EndedBy.PATIENT);
            case ENDED -> {
                audio.stopTone();
                steps.settle();
            }
            case INCOMING -> log.debug("handset replaced while ringing");
        }
    }

    private void onHandsetLost(String cause) {
        steps.faults().handsetLost(cause);
        log.warn("handset lost: {}", cause);
        if (steps.call() != null) {
            log.warn("call {} goes on without the handset until the far end hangs up or the maximum duration",
                    steps.call().id);
        }
        if (timers.cancel(Timer.DIAL_DELAY)) {
            log.info("warm-line delay cancelled: handset lost");
        }
        if (steps.state() == CallState.ENDED) {
            audio.stopTone();
            steps.forgetHook();
            steps.clearLeftOffhook();
            steps.settle();
        } else if (steps.isIdleLike()) {
            steps.forgetHook();
            steps.settle();
        }
    }

    private void onHandsetRestored(boolean nowLifted, boolean stateKnown) {
        steps.faults().handsetRestored();
        log.info("handset connected again, {}", stateKnown ? (nowLifted ? "lifted" : "resting") : "state unknown");
        settleWhenIdle();
        if (!stateKnown) {
            return; // the device's next line tells; until then nothing is decided on a guess
        }
        if (nowLifted && !steps.lifted()) {
            onLifted();
        } else if (!nowLifted && steps.lifted()) {
            onReplaced();
        }
    }

    /** A fault came or went: the resting screen follows it; a call under way goes on. */
    private void settleWhenIdle() {
        if (steps.isIdleLike()) {
            steps.settle();
        }
    }

    // ================================================================ the call under way

    private void startOutgoingCall() {
        timers.cancel(Timer.DIAL_DELAY);
        steps.clearLeftOffhook();
        ActiveCall call = steps.begin(Direction.OUT);
        steps.journalStarted();
        if (!steps.faults().networkUsable()) {
            log.warn("call {}: handset lifted but the terminal cannot call: {}", call.id,
                    steps.faults().networkCause());
            call.afterHours = plan.afterHours();
            steps.finish(Outcome.OUT_OF_SERVICE, EndedBy.SYSTEM);
            return;
        }
        dialling.begin(call);
    }

    private void onAnswered(long id, Media media) {
        ActiveCall call = steps.call();
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

    private void onRemoteHungUp(RemoteHungUp e) {
        ActiveCall call = steps.call();
        if (call == null || e.attemptId() != steps.attemptId()) {
            return;
        }
        switch (steps.state()) {
            case TALKING -> talking.onRemoteHungUp(e);
            case DIALING, RINGING -> {
                if (call.direction == Direction.OUT) {
                    dialling.onRemoteGone(call);
                }
            }
            case INCOMING -> steps.finish(Outcome.NO_ANSWER, EndedBy.REMOTE);
            default -> { }
        }
    }

    private void onTestCall() {
        if (!steps.isIdleLike() || timers.running(Timer.DIAL_DELAY)) {
            log.info("test call refused in {}", steps.state());
            return;
        }
        log.info("test call requested by the technician");
        startOutgoingCall();
    }

    // ================================================================ timers

    private void onTimer(TimerFired e) {
        if (!timers.fired(e)) {
            return; // cancelled or replaced
        }
        switch (e.timer()) {
            case DIAL_DELAY -> {
                if (steps.lifted() && steps.isIdleLike()) {
                    startOutgoingCall();
                }
            }
            case RING_TIMEOUT -> onRingTimeout();
            case RETRY -> dialling.onRetry();
            case CONFIRM_ANSWER -> dialling.onConfirmTimeout();
            case MAX_DURATION_WARNING -> talking.onMaxDurationWarning();
            case MAX_DURATION -> talking.onMaxDuration();
            case LEFT_OFFHOOK -> onLeftOffhook();
            case HOURS_CHECK -> timers.start(Timer.HOURS_CHECK, HOURS_CHECK_PERIOD);
        }
    }

    private void onRingTimeout() {
        if (steps.state() == CallState.INCOMING) {
            incoming.onRingTimeout();
        } else if (steps.state() == CallState.DIALING || steps.state() == CallState.RINGING) {
            dialling.onRingTimeout(steps.call());
        }
    }

    private void onLeftOffhook() {
        if (steps.lifted() && (steps.state() == CallState.ENDED || steps.isIdleLike())) {
            steps.raiseLeftOffhook();
            log.warn("handset left lifted for {} s after the call", config.handset().leftOffhookAlarm().toSeconds());
        }
    }

    private CallSnapshot buildSnapshot() {
        ActiveCall call = steps.call();
        CallSnapshot.Builder snapshot = CallSnapshot.builder(since)
                .afterHours(call != null ? call.afterHours : plan.afterHours()).planAlarm(dialling.planAlarm());
        steps.describe(snapshot);
        return snapshot.build();
    }
}
