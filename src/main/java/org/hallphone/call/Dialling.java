package org.hallphone.call;

import java.time.Duration;
import org.hallphone.call.CallEvent.AttemptFailed;
import org.hallphone.call.CallEvent.AttemptRedirected;
import org.hallphone.call.CallEvent.AttemptRinging;
import org.hallphone.call.CallEvent.DtmfReceived;
import org.hallphone.call.CallEvent.Failure;
import org.hallphone.call.CallEvent.Timer;
import org.hallphone.config.CallConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts of an outgoing call, the DIALING and RINGING rows of {@link CallFlow}'s transition table: the
 * routing plan's targets dialled in turn, ringback, the answer (confirmed by a digit when
 * {@code call.confirm-answer-digit} is set), failures, redirects and Retry-After waits, and the targets that keep
 * refusing the terminal. The call's start, answer and end belong to the flow, which this asks through
 * {@link Flow}. Confined to the call-flow thread.
 */
final class Dialling {

    private static final Logger log = LoggerFactory.getLogger(Dialling.class);

    /** Cap on a Retry-After wait, so a patient holding the handset is never left waiting for minutes. */
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);

    /** What dialling may ask of the flow. */
    interface Flow {
        /** The call under way; null when none. */
        ActiveCall call();

        CallState state();

        /** Moves to DIALING or RINGING. */
        void enter(CallState next);

        /** The current attempt answered (and confirmed): the call is TALKING. */
        void answered();

        /** The call is over: its row, then settle. */
        void finish(Outcome outcome, EndedBy endedBy);
    }

    private final CallConfig config;
    private final Telephony telephony;
    private final CallAudio audio;
    private final TimerSet timers;
    private final RoutingPlan plan;
    private final Flow flow;
    private final TargetRefusals refusals = new TargetRefusals();
    private long nextAttemptId = 1;

    Dialling(CallConfig config, Telephony telephony, CallAudio audio, TimerSet timers, RoutingPlan plan,
             Flow flow) {
        this.config = config;
        this.telephony = telephony;
        this.audio = audio;
        this.timers = timers;
        this.plan = plan;
        this.flow = flow;
    }

    /** A target that refused the terminal several times in a row (for {@code /health}); empty when none. */
    String planAlarm() {
        return refusals.alarm();
    }

    /** Starts dialling a new call: the plan for the time of day, the CONNECTING prompt, the first target. */
    void begin(ActiveCall call) {
        plan.begin();
        call.afterHours = plan.afterHours();
        log.info("call {}: started{}", call.id, call.afterHours ? " (after hours)" : "");
        audio.play(Prompt.CONNECTING);
        flow.enter(CallState.DIALING);
        next(call);
    }

    void onRinging(AttemptRinging e) {
        ActiveCall call = current(e.attemptId());
        if (call == null) {
            return;
        }
        refusals.works(call.target);
        if (dialling()) {
            flow.enter(CallState.RINGING);
            if (e.earlyMedia()) {
                audio.stopTone();
            } else {
                audio.play(Tone.RINGBACK);
            }
        }
    }

    /** The current outgoing attempt answered ({@link CallFlow} has checked it is current). */
    void onAnswered(ActiveCall call) {
        if (!dialling()) {
            return;
        }
        timers.cancel(Timer.RING_TIMEOUT);
        if (config.confirmsAnswer()) {
            call.confirmPending = true;
            audio.stopTone();
            timers.start(Timer.CONFIRM_ANSWER, config.confirmGrace());
            log.info("call {}: answered on attempt {}, waiting for the confirming digit", call.id, call.attempts);
        } else {
            answered(call);
        }
    }

    void onDtmf(DtmfReceived e) {
        ActiveCall call = flow.call();
        if (call == null || e.attemptId() != call.attemptId) {
            return;
        }
        if (call.confirmPending && e.digit() == config.confirmAnswerDigit()) {
            log.info("call {}: answer confirmed by digit", call.id);
            answered(call);
        }
    }

    private void answered(ActiveCall call) {
        refusals.works(call.target);
        flow.answered();
    }

    void onFailed(AttemptFailed e) {
        ActiveCall call = current(e.attemptId());
        if (call == null || !dialling()) {
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
        attemptOver(call, e.kind());
    }

    void onRedirected(AttemptRedirected e) {
        ActiveCall call = current(e.attemptId());
        if (call == null || !dialling()) {
            return;
        }
        call.sipStatus = e.sipStatus();
        if (e.contacts().isEmpty() || call.redirects >= config.maxRedirects()) {
            log.info("call {}: redirect {} not followed ({} redirects so far)", call.id, e.sipStatus(),
                    call.redirects);
            attemptOver(call, Failure.DECLINED);
            return;
        }
        call.redirects++;
        timers.cancel(Timer.RING_TIMEOUT);
        log.info("call {}: redirected ({}) to {}", call.id, e.sipStatus(), e.contacts().get(0));
        dial(call, e.contacts().get(0));
    }

    /** The far end went away before answering (a BYE or CANCEL of the attempt): the next target. */
    void onRemoteGone(ActiveCall call) {
        attemptOver(call, Failure.NETWORK);
    }

    void onRingTimeout(ActiveCall call) {
        log.info("call {}: no answer from {} within {} s", call.id, call.target, config.ringTimeout().toSeconds());
        telephony.hangUp(call.attemptId);
        attemptOver(call, Failure.NO_ANSWER);
    }

    void onConfirmTimeout() {
        ActiveCall call = flow.call();
        if (call != null && call.confirmPending) {
            log.info("call {}: answer not confirmed within {} s: trying the next target", call.id,
                    config.confirmGrace().toSeconds());
            call.confirmPending = false;
            telephony.hangUp(call.attemptId);
            attemptOver(call, Failure.NO_ANSWER);
        }
    }

    /** A Retry-After wait is over: ask the plan again. */
    void onRetry() {
        ActiveCall call = flow.call();
        if (call != null && flow.state() == CallState.DIALING && call.attemptId == 0) {
            next(call);
        }
    }

    /** The current attempt is over without an answer: move along the routing plan. */
    private void attemptOver(ActiveCall call, Failure kind) {
        timers.cancel(Timer.RING_TIMEOUT);
        timers.cancel(Timer.CONFIRM_ANSWER);
        call.confirmPending = false;
        call.lastFailure = kind;
        call.redirects = 0;
        call.attemptId = 0;
        flow.enter(CallState.DIALING);
        next(call);
    }

    private void next(ActiveCall call) {
        RoutingPlan.Next next = plan.next();
        if (next instanceof RoutingPlan.Next.Dial d) {
            dial(call, d.target());
        } else if (next instanceof RoutingPlan.Next.Wait w) {
            Duration wait = w.delay().compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : w.delay();
            log.info("call {}: every target asked to wait; retrying in {} ms", call.id, wait.toMillis());
            audio.play(Tone.RINGBACK);
            timers.start(Timer.RETRY, wait);
        } else {
            RoutingPlan.Ending ending = RoutingPlan.ending(call.lastFailure);
            log.info("call {}: routing plan exhausted after {} attempts", call.id, call.attempts);
            flow.finish(ending.outcome(), ending.endedBy());
            audio.play(ending.prompt());
        }
    }

    private void dial(ActiveCall call, String target) {
        call.attemptId = nextAttemptId++;
        call.attempts++;
        call.target = target;
        flow.enter(CallState.DIALING);
        log.info("call {}: attempt {} to {}", call.id, call.attempts, target);
        timers.start(Timer.RING_TIMEOUT, config.ringTimeout());
        telephony.dial(call.attemptId, target, call.attempts);
    }

    /** The outgoing call under way when {@code attemptId} is its current attempt; null otherwise (stale). */
    private ActiveCall current(long attemptId) {
        ActiveCall call = flow.call();
        boolean current = call != null && call.direction == Direction.OUT && attemptId == call.attemptId
                && attemptId != 0;
        return current ? call : null;
    }

    private boolean dialling() {
        return flow.state() == CallState.DIALING || flow.state() == CallState.RINGING;
    }
}
