package org.hallphone.call;

import org.hallphone.call.CallEvent.RemoteHungUp;
import org.hallphone.config.KioskConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An answered call, the TALKING rows of {@link CallFlow}'s transition table: the patient's keypad and volume, the
 * far end hanging up, a call whose audio stopped, and the maximum duration with its warning. Confined to the
 * call-flow thread.
 */
final class Talking {

    private static final Logger log = LoggerFactory.getLogger(CallFlow.class);

    private final KioskConfig config;
    private final Telephony telephony;
    private final CallAudio audio;
    private final CallSteps steps;

    Talking(KioskConfig config, Telephony telephony, CallAudio audio, CallSteps steps) {
        this.config = config;
        this.telephony = telephony;
        this.audio = audio;
        this.steps = steps;
    }

    private boolean talking() {
        return steps.state() == CallState.TALKING;
    }

    void onKeypad(char digit) {
        if (talking()) {
            telephony.sendDtmf(steps.attemptId(), digit);
        }
    }

    void onVolume(int volumeSteps) {
        if (steps.call() != null) {
            audio.adjustVolume(volumeSteps);
        }
    }

    /** The far end hung up the current attempt of an answered call: never redialled. */
    void onRemoteHungUp(RemoteHungUp e) {
        log.info("call {}: the far end hung up ({})", steps.call().id, e.cause());
        steps.finish(Outcome.ANSWERED, EndedBy.REMOTE);
    }

    void onMediaTimedOut(long attemptId) {
        if (steps.call() == null || attemptId != steps.attemptId() || !talking()) {
            return;
        }
        log.warn("call {}: no audio from the far end for {} s: ending the call", steps.call().id,
                config.sip().rtp().inactivity().toSeconds());
        steps.hangUpAndFinish(Outcome.FAILED, EndedBy.SYSTEM);
    }

    void onMaxDurationWarning() {
        if (talking()) {
            steps.warnNearMaxDuration();
            audio.play(Tone.WARNING);
        }
    }

    void onMaxDuration() {
        if (talking()) {
            log.info("call {}: maximum duration of {} s reached", steps.call().id,
                    config.call().maxDuration().toSeconds());
            steps.hangUpAndFinish(Outcome.ANSWERED, EndedBy.TIMEOUT);
        }
    }

}
