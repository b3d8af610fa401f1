package org.hallphone.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent.AttemptAnswered;
import org.hallphone.call.CallEvent.AttemptFailed;
import org.hallphone.call.CallEvent.AttemptRedirected;
import org.hallphone.call.CallEvent.AttemptRinging;
import org.hallphone.call.CallEvent.DtmfReceived;
import org.hallphone.call.CallEvent.Failure;
import org.hallphone.call.CallEvent.HandsetLifted;
import org.hallphone.call.CallEvent.HandsetLost;
import org.hallphone.call.CallEvent.HandsetReplaced;
import org.hallphone.call.CallEvent.HandsetRestored;
import org.hallphone.call.CallEvent.IncomingCall;
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
 * idle-like. Events not listed for a state are logged and ignored.
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

    /** Cap on a Retry-After wait, so a patient holding the handset is never left waiting for minutes. */
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);
    /** How often the office hours are re-evaluated for the screen. */
    static final Duration HOURS_CHECK_PERIOD = Duration.ofMinutes(1);

    private final KioskConfig config;
    private final Telephony telephony;
    private final CallAudio audio;
    private final CallJournal journal;
    private final Clock clock;
    private final Executor executor;
    private final TimerSet timers;
    private final ScheduledExecutorService ownThread;
    private final List<Consumer<CallSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final RoutingPlan plan;
    private final TargetRefusals refusals = new TargetRefusals();

    // ---- state, touched only on the call-flow thread ----
    private CallState state = CallState.IDLE;
    private boolean lifted;
    private boolean handsetConnected = true;
    private boolean registered = true;
    private boolean networkUsable = true;
    private String handsetCause = "";
    private String registrationCause = "";
    private String networkCause = "";
    private boolean leftOffhookAlarm;
    private boolean nearMaxDuration;
    private boolean confirmPending;
    private Instant since;
    private long nextAttemptId = 1;
    private long attemptId;
    private ActiveCall call;
    private ActiveCall lastCall;

    private volatile CallSnapshot snapshot;
    private volatile boolean closed;

    /** The production flow: its own "call-flow" thread for events and timers. */
    public CallFlow(KioskConfig config, Telephony telephony, CallAudio audio, CallJournal journal, Clock clock) {
        this(config, telephony, audio, journal, clock, newThread());
    }

    private CallFlow(KioskConfig config, Telephony telephony, CallAudio audio, CallJournal journal, Clock clock,
                     ScheduledExecutorService thread) {
        this(config, telephony, audio, journal, clock, thread, Timers.on(thread), thread);
    }

    /** For tests: events run on {@code executor} (may be direct), timers come from {@code timers}. */
    CallFlow(KioskConfig config, Telephony telephony, CallAudio audio, CallJournal journal, Clock clock,
             Executor executor, Timers timers) {
        this(config, telephony, audio, journal, clock, executor, timers, null);
    }

    private CallFlow(KioskConfig config, Telephony telephony, CallAudio audio, CallJournal journal, Clock clock,
                     Executor executor, Timers timers, ScheduledExecutorService ownThread) {
        this.config = config;
        this.telephony = telephony;
        this.audio = audio;
        this.journal = journal;
        this.clock = clock;
        this.executor = executor;
        this.timers = new TimerSet(timers, this::post);
        this.ownThread = ownThread;
        this.plan = new RoutingPlan(config.call(), clock);
        this.since = clock.instant();
        this.snapshot = buildSnapshot();
        executor.execute(() -> schedule(Timer.HOURS_CHECK, HOURS_CHECK_PERIOD));
    }

    private static ScheduledExecutorService newThread() {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "call-flow");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        // On close, timers still pending are dropped; events already posted (delay 0) still run.
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return thread;
    }

    @Override
    public void post(CallEvent event) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    handle(event);
                } catch (RuntimeException e) {
                    // A bug must not kill the only thread that decides; log it loudly and carry on.
                    log.error("call flow failed on {}", event, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("call flow stopped; {} dropped", event);
        }
    }

    @Override
    public void subscribe(Consumer<CallSnapshot> listener) {
        executor.execute(() -> {
            listeners.add(listener);
            notify(listener, snapshot);
        });
    }

    @Override
    public CallSnapshot snapshot() {
        return snapshot;
    }

    /** The audio side's reading; the far end counts as speaking only while a call is answered. */
    @Override
    public EarpieceLevel earpiece() {
        EarpieceLevel level = audio.earpiece();
        if (level.farEndSpeaking() && snapshot.state() != CallState.TALKING) {
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
        if (closed) {
            return;
        }
        if (ownThread != null) {
            try {
                ownThread.execute(this::finishOnStop);
            } catch (java.util.concurrent.RejectedExecutionException alreadyStopped) {
                log.debug("call flow already stopped");
            }
        }
        closed = true;
        if (ownThread != null) {
            ownThread.shutdown();
            try {
                if (!ownThread.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("the call-flow thread did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void finishOnStop() {
        if (call == null) {
            return;
        }
        log.warn("call {}: the terminal is stopping during the call; logged as interrupted", call.id);
        if (attemptId != 0) {
            telephony.hangUp(attemptId);
        }
        finishCall(Outcome.INTERRUPTED, EndedBy.SYSTEM);
    }

    // ================================================================ event handling (call-flow thread)

    void handle(CallEvent event) {
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
            onRinging(e);
        } else if (event instanceof AttemptAnswered e) {
            onAnswered(e.attemptId(), e.media());
        } else if (event instanceof AttemptFailed e) {
            onFailed(e);
        } else if (event instanceof AttemptRedirected e) {
            onRedirected(e);
        } else if (event instanceof RemoteHungUp e) {
            onRemoteHungUp(e);
        } else if (event instanceof MediaTimedOut e) {
            onMediaTimedOut(e.attemptId());
        } else if (event instanceof DtmfReceived e) {
            onDtmf(e);
        } else if (event instanceof IncomingCall e) {
            onIncoming(e);
        } else if (event instanceof CallEvent.IncomingRefused e) {
            onIncomingRefused(e);
        } else if (event instanceof KeypadPressed e) {
            onKeypad(e.digit());
        } else if (event instanceof VolumeRequested e) {
            onVolume(e.steps());
        } else if (event instanceof TestCallRequested) {
            onTestCall();
        } else if (event instanceof TimerFired e) {
            onTimer(e);
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
                    schedule(Timer.DIAL_DELAY, delay);
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
        cancel(Timer.LEFT_OFFHOOK);
        leftOffhookAlarm = false;
        switch (state) {
            case IDLE, OUT_OF_SERVICE -> {
                if (cancel(Timer.DIAL_DELAY)) {
                    log.info("handset lifted and replaced within the warm-line delay ({} ms): no call placed",
                            config.handset().dialDelay().toMillis());
                }
            }
            case DIALING, RINGING -> {
                telephony.hangUp(attemptId);
                finishCall(Outcome.ABANDONED, EndedBy.PATIENT);
            }
            case TALKING -> {
                telephony.hangUp(attemptId);
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
        handsetConnected = false;
        handsetCause = cause;
        log.warn("handset lost: {}", cause);
        if (call != null) {
            log.warn("call {} goes on without the handset until the far end hangs up or the maximum duration",
                    call.id);
        }
        if (cancel(Timer.DIAL_DELAY)) {
            log.info("warm-line delay cancelled: handset lost");
        }
        if (state == CallState.ENDED) {
            audio.stopTone();
            lifted = false;
            leftOffhookAlarm = false;
            cancel(Timer.LEFT_OFFHOOK);
            settle();
        } else if (isIdleLike()) {
            lifted = false;
            settle();
        }
    }

    private void onHandsetRestored(boolean nowLifted, boolean stateKnown) {
        handsetConnected = true;
        handsetCause = "";
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
        registered = nowRegistered;
        registrationCause = nowRegistered ? "" : cause;
        if (isIdleLike()) {
            settle();
        }
    }

    private void onNetwork(boolean usable, String cause) {
        networkUsable = usable;
        networkCause = usable ? "" : cause;
        if (isIdleLike()) {
            settle();
        }
    }

    private void onRinging(AttemptRinging e) {
        if (!isCurrentOutgoing(e.attemptId())) {
            return;
        }
        refusals.works(call.target);
        if (state == CallState.DIALING || state == CallState.RINGING) {
            state = CallState.RINGING;
            if (e.earlyMedia()) {
                audio.stopTone();
            } else {
                audio.play(Tone.RINGBACK);
            }
        }
    }

    private void onAnswered(long id, Media media) {
        if (id != attemptId || call == null) {
            log.info("answer for stale attempt {}: hanging it up", id);
            telephony.hangUp(id);
            return;
        }
        call.media = media;
        if (call.direction == Direction.IN) {
            return; // answered already when the handset was lifted; this is the far end's ACK
        }
        if (state != CallState.DIALING && state != CallState.RINGING) {
            return;
        }
        cancel(Timer.RING_TIMEOUT);
        if (config.call().confirmsAnswer()) {
            confirmPending = true;
            audio.stopTone();
            schedule(Timer.CONFIRM_ANSWER, config.call().confirmGrace());
            log.info("call {}: answered on attempt {}, waiting for the confirming digit", call.id, call.attempts);
        } else {
            markAnswered();
        }
    }

    private void markAnswered() {
        confirmPending = false;
        cancel(Timer.CONFIRM_ANSWER);
        audio.stopTone();
        call.answeredAt = now();
        if (call.direction == Direction.OUT) {
            refusals.works(call.target);
        }
        call.sipStatus = 200; // RFC 3261 §13.2.2.4: any 2xx answers; the log records the class
        journal.callAnswered(call.record());
        state = CallState.TALKING;
        Duration max = config.call().maxDuration();
        Duration warning = config.call().maxDurationWarning();
        if (max.compareTo(warning) > 0 && !warning.isZero()) {
            schedule(Timer.MAX_DURATION_WARNING, max.minus(warning));
        }
        schedule(Timer.MAX_DURATION, max);
        log.info("call {}: answered by {} on attempt {} after {} s", call.id, call.target, call.attempts,
                Duration.between(call.startedAt, call.answeredAt).toSeconds());
    }

    private void onFailed(AttemptFailed e) {
        if (!isCurrentOutgoing(e.attemptId()) || (state != CallState.DIALING && state != CallState.RINGING)) {
            return;
        }
        call.sipStatus = e.sipStatus();
        log.info("call {}: attempt {} to {} failed: {} {} ({})", call.id, call.attempts, call.target,
                e.sipStatus(), e.kind(), e.cause());
        if (e.kind() == Failure.SERVER && e.retryAfter().compareTo(Duration.ZERO) > 0) {
            plan.holdOff(call.target, e.retryAfter());
        }
        boolean refusal = e.kind() == Failure.REFUSED || e.kind() == Failure.MEDIA;
        if (refusal && refusals.refused(call.target, e.sipStatus(), e.cause())) {
            log.warn("call plan broken: {}", refusals.alarm());
        } else if (e.kind() == Failure.BUSY) {
            refusals.works(call.target);
        }
        attemptOver(e.kind());
    }

    private void onRedirected(AttemptRedirected e) {
        if (!isCurrentOutgoing(e.attemptId()) || (state != CallState.DIALING && state != CallState.RINGING)) {
            return;
        }
        call.sipStatus = e.sipStatus();
        if (e.contacts().isEmpty() || call.redirects >= config.call().maxRedirects()) {
            log.info("call {}: redirect {} not followed ({} redirects so far)", call.id, e.sipStatus(),
                    call.redirects);
            attemptOver(Failure.DECLINED);
            return;
        }
        call.redirects++;
        cancel(Timer.RING_TIMEOUT);
        log.info("call {}: redirected ({}) to {}", call.id, e.sipStatus(), e.contacts().get(0));
        dial(e.contacts().get(0));
    }

    private void onRemoteHungUp(RemoteHungUp e) {
        if (call == null || e.attemptId() != attemptId) {
            return;
        }
        switch (state) {
            case TALKING -> {
                log.info("call {}: the far end hung up ({})", call.id, e.cause());
                finishCall(Outcome.ANSWERED, EndedBy.REMOTE);
            }
            case DIALING, RINGING -> {
                if (call.direction == Direction.OUT) {
                    attemptOver(Failure.NETWORK);
                }
            }
            case INCOMING -> finishCall(Outcome.NO_ANSWER, EndedBy.REMOTE);
            default -> { }
        }
    }

    private void onMediaTimedOut(long id) {
        if (call == null || id != attemptId || state != CallState.TALKING) {
            return;
        }
        log.warn("call {}: no audio from the far end for {} s: ending the call", call.id,
                config.sip().rtp().inactivity().toSeconds());
        telephony.hangUp(attemptId);
        finishCall(Outcome.FAILED, EndedBy.SYSTEM);
    }

    private void onDtmf(DtmfReceived e) {
        if (call == null || e.attemptId() != attemptId) {
            return;
        }
        if (confirmPending && e.digit() == config.call().confirmAnswerDigit()) {
            log.info("call {}: answer confirmed by digit", call.id);
            markAnswered();
        }
    }

    private void onIncoming(IncomingCall e) {
        boolean free = isIdleLike() && !running(Timer.DIAL_DELAY) || state == CallState.ENDED;
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
            cancel(Timer.LEFT_OFFHOOK);
            leftOffhookAlarm = false;
        }
        call = new ActiveCall(UUID.randomUUID().toString(), config.terminal().id(), Direction.IN, now());
        call.attempts = 1;
        call.target = e.from();
        lastCall = call;
        attemptId = e.attemptId();
        journal.callStarted(call.record());
        audio.resetVolume();
        log.info("call {}: call-back from {}", call.id, e.from());
        if (lifted && !leftLifted) {
            answerIncoming();
        } else {
            state = CallState.INCOMING;
            audio.play(Tone.RING);
            schedule(Timer.RING_TIMEOUT, config.call().ringTimeout());
        }
    }

    /** A call-back refused for its media: logged as failed with its status, the current call undisturbed. */
    private void onIncomingRefused(CallEvent.IncomingRefused e) {
        OffsetDateTime at = now();
        log.info("call-back from {} refused with {}: {}", e.from(), e.sipStatus(), e.cause());
        journal.callEnded(new CallRecord(at, config.terminal().id(), UUID.randomUUID().toString(), Direction.IN,
                Outcome.FAILED, null, at, e.from(), 1, e.sipStatus(), EndedBy.SYSTEM));
    }

    private void answerIncoming() {
        cancel(Timer.RING_TIMEOUT);
        audio.stopTone();
        telephony.answer(attemptId);
        markAnswered();
    }

    private void onKeypad(char digit) {
        if (state == CallState.TALKING) {
            telephony.sendDtmf(attemptId, digit);
        }
    }

    private void onVolume(int steps) {
        if (call != null) {
            audio.adjustVolume(steps);
        }
    }

    private void onTestCall() {
        if (!isIdleLike() || running(Timer.DIAL_DELAY)) {
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
            case RING_TIMEOUT -> {
                if (state == CallState.INCOMING) {
                    telephony.hangUp(attemptId);
                    finishCall(Outcome.NO_ANSWER, EndedBy.TIMEOUT);
                } else if (state == CallState.DIALING || state == CallState.RINGING) {
                    log.info("call {}: no answer from {} within {} s", call.id, call.target,
                            config.call().ringTimeout().toSeconds());
                    telephony.hangUp(attemptId);
                    attemptOver(Failure.NO_ANSWER);
                }
            }
            case RETRY -> {
                if (call != null && state == CallState.DIALING && attemptId == 0) {
                    nextAttempt();
                }
            }
            case CONFIRM_ANSWER -> {
                if (confirmPending) {
                    log.info("call {}: answer not confirmed within {} s: trying the next target", call.id,
                            config.call().confirmGrace().toSeconds());
                    confirmPending = false;
                    telephony.hangUp(attemptId);
                    attemptOver(Failure.NO_ANSWER);
                }
            }
            case MAX_DURATION_WARNING -> {
                if (state == CallState.TALKING) {
                    nearMaxDuration = true;
                    audio.play(Tone.WARNING);
                }
            }
            case MAX_DURATION -> {
                if (state == CallState.TALKING) {
                    log.info("call {}: maximum duration of {} s reached", call.id,
                            config.call().maxDuration().toSeconds());
                    telephony.hangUp(attemptId);
                    finishCall(Outcome.ANSWERED, EndedBy.TIMEOUT);
                }
            }
            case LEFT_OFFHOOK -> {
                if (lifted && (state == CallState.ENDED || isIdleLike())) {
                    leftOffhookAlarm = true;
                    log.warn("handset left lifted for {} s after the call",
                            config.handset().leftOffhookAlarm().toSeconds());
                }
            }
            case HOURS_CHECK -> schedule(Timer.HOURS_CHECK, HOURS_CHECK_PERIOD);
        }
    }

    // ================================================================ the call and its attempts

    private void startOutgoingCall() {
        cancel(Timer.DIAL_DELAY);
        leftOffhookAlarm = false;
        cancel(Timer.LEFT_OFFHOOK);
        call = new ActiveCall(UUID.randomUUID().toString(), config.terminal().id(), Direction.OUT, now());
        lastCall = call;
        attemptId = 0;
        journal.callStarted(call.record());
        audio.resetVolume();
        if (!networkUsable) {
            log.warn("call {}: handset lifted but the terminal cannot call: {}", call.id, networkCause);
            call.afterHours = plan.afterHours();
            finishCall(Outcome.OUT_OF_SERVICE, EndedBy.SYSTEM);
            return;
        }
        plan.begin();
        call.afterHours = plan.afterHours();
        log.info("call {}: started{}", call.id, call.afterHours ? " (after hours)" : "");
        audio.play(Prompt.CONNECTING);
        state = CallState.DIALING;
        nextAttempt();
    }

    /** The current attempt is over without an answer: move along the routing plan. */
    private void attemptOver(Failure kind) {
        cancel(Timer.RING_TIMEOUT);
        cancel(Timer.CONFIRM_ANSWER);
        confirmPending = false;
        call.lastFailure = kind;
        call.redirects = 0;
        attemptId = 0;
        state = CallState.DIALING;
        nextAttempt();
    }

    private void nextAttempt() {
        RoutingPlan.Next next = plan.next();
        if (next instanceof RoutingPlan.Next.Dial d) {
            dial(d.target());
        } else if (next instanceof RoutingPlan.Next.Wait w) {
            Duration wait = w.delay().compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : w.delay();
            log.info("call {}: every target asked to wait; retrying in {} ms", call.id, wait.toMillis());
            audio.play(Tone.RINGBACK);
            schedule(Timer.RETRY, wait);
        } else {
            // the last attempt decides, like the row's sip_status: a target that does not exist or refuses the
            // terminal is a failure of the call plan, never busy representatives (issue 9, item 12)
            Outcome outcome = switch (call.lastFailure == null ? Failure.NETWORK : call.lastFailure) {
                case BUSY, DECLINED -> Outcome.BUSY;
                case NO_ANSWER -> Outcome.NO_ANSWER;
                case SERVER, NETWORK, REFUSED, MEDIA -> Outcome.FAILED;
            };
            EndedBy endedBy = switch (call.lastFailure == null ? Failure.NETWORK : call.lastFailure) {
                case NO_ANSWER -> EndedBy.TIMEOUT;
                case NETWORK, MEDIA -> EndedBy.SYSTEM;
                default -> EndedBy.REMOTE;
            };
            log.info("call {}: routing plan exhausted after {} attempts", call.id, call.attempts);
            finishCall(outcome, endedBy);
            audio.play(outcome == Outcome.FAILED ? Prompt.OUT_OF_SERVICE : Prompt.ALL_BUSY);
        }
    }

    private void dial(String target) {
        attemptId = nextAttemptId++;
        call.attempts++;
        call.target = target;
        state = CallState.DIALING;
        log.info("call {}: attempt {} to {}", call.id, call.attempts, target);
        schedule(Timer.RING_TIMEOUT, config.call().ringTimeout());
        telephony.dial(attemptId, target, call.attempts);
    }

    private void finishCall(Outcome outcome, EndedBy endedBy) {
        for (Timer t : List.of(Timer.RING_TIMEOUT, Timer.RETRY, Timer.CONFIRM_ANSWER, Timer.MAX_DURATION_WARNING,
                Timer.MAX_DURATION)) {
            cancel(t);
        }
        confirmPending = false;
        nearMaxDuration = false;
        call.outcome = outcome;
        call.endedBy = endedBy;
        call.endedAt = now();
        journal.callEnded(call.record());
        log.info("call {}: ended, {} by {}, {} attempt(s), wait {} s, talk {} s", call.id, outcome.csv(),
                endedBy.csv(), call.attempts, call.record().waitSeconds(), call.record().talkSeconds());
        call = null;
        attemptId = 0;
        if (lifted && handsetConnected) {
            state = CallState.ENDED;
            audio.play(Tone.BUSY);
            if (endedBy == EndedBy.REMOTE || outcome == Outcome.ANSWERED) {
                audio.play(Prompt.CALL_ENDED);
            }
            Duration alarm = config.handset().leftOffhookAlarm();
            if (!alarm.isZero()) {
                schedule(Timer.LEFT_OFFHOOK, alarm);
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
        if (state == CallState.ENDED && lifted && handsetConnected) {
            return;
        }
        state = fault() == null ? CallState.IDLE : CallState.OUT_OF_SERVICE;
    }

    private boolean isIdleLike() {
        return state == CallState.IDLE || state == CallState.OUT_OF_SERVICE;
    }

    private boolean isCurrentOutgoing(long id) {
        return call != null && call.direction == Direction.OUT && id == attemptId && id != 0;
    }

    private Fault fault() {
        if (!handsetConnected) {
            return Fault.HANDSET;
        }
        if (!networkUsable) {
            return Fault.NETWORK;
        }
        if (!registered) {
            return Fault.REGISTRATION;
        }
        return null;
    }

    private String faultCause() {
        Fault f = fault();
        if (f == null) {
            return "";
        }
        return switch (f) {
            case HANDSET -> handsetCause;
            case NETWORK -> networkCause;
            case REGISTRATION -> registrationCause;
        };
    }

    // ================================================================ timers and snapshots

    private void schedule(Timer timer, Duration delay) {
        timers.start(timer, delay);
    }

    /** Cancels the timer; returns whether it was running. */
    private boolean cancel(Timer timer) {
        return timers.cancel(timer);
    }

    private boolean running(Timer timer) {
        return timers.running(timer);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private void publish() {
        CallSnapshot next = buildSnapshot();
        if (next.equals(snapshot)) {
            return;
        }
        snapshot = next;
        for (Consumer<CallSnapshot> listener : listeners) {
            notify(listener, next);
        }
    }

    private static void notify(Consumer<CallSnapshot> listener, CallSnapshot s) {
        try {
            listener.accept(s);
        } catch (RuntimeException e) {
            log.error("snapshot listener failed", e);
        }
    }

    private CallSnapshot buildSnapshot() {
        ActiveCall shown = call != null ? call : lastCall;
        boolean afterHours = call != null ? call.afterHours : plan.afterHours();
        return new CallSnapshot(state, lifted && handsetConnected, handsetConnected, registered, fault(),
                faultCause(),
                shown == null ? "" : shown.id,
                shown == null ? null : shown.direction,
                call == null ? 0 : call.attempts,
                shown == null ? null : shown.outcome,
                shown == null ? null : shown.endedBy,
                shown == null || shown.answeredAt == null ? null : shown.answeredAt.toInstant(),
                afterHours, leftOffhookAlarm, nearMaxDuration, since, dropped(shown), refusals.alarm(),
                shown == null ? null : shown.media);
    }

    /** Answered, then ended by the system (no audio, a dead dialog): cut off, not "could not get through". */
    private static boolean dropped(ActiveCall shown) {
        return shown != null && shown.answeredAt != null && shown.outcome == Outcome.FAILED
                && shown.endedBy == EndedBy.SYSTEM;
    }
}
