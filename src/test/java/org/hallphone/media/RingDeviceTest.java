package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hallphone.call.Tone;
import org.hallphone.config.AudioConfig;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the engine sends rings when a ring device is configured (the real device path is in
 * {@link PulseAudioDeviceTest}): call-back rings and, with {@code audio.ring-left-lifted}, the left-lifted alarm.
 */
class RingDeviceTest {

    /** An earpiece that keeps what it is given. */
    private static final class Recorder implements Earpiece {
        final List<short[]> frames = new CopyOnWriteArrayList<>();

        @Override
        public boolean play(short[] frame) {
            frames.add(frame.clone());
            return true;
        }

        @Override
        public long droppedFrames() {
            return 0;
        }

        @Override
        public String describe() {
            return "recorder";
        }

        @Override
        public void close() {
        }

        /** Frames from {@code from} on that carry the ring's notes. */
        long ringing(int from) {
            return frames.stream().skip(from).filter(f -> SoundDeviceChecks.ringLevelOf(f) > -30).count();
        }
    }

    private final Recorder earpiece = new Recorder();
    private final Recorder hall = new Recorder();
    private MediaEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private void start(boolean ringLeftLifted, double gainDb) {
        AudioConfig c = TestAudio.config();
        AudioConfig config = new AudioConfig(c.playbackDevice(), c.captureDevice(), 0, 0, 425, c.ringbackCadence(),
                c.busyCadence(), null, c.jitterMin(), c.jitterMax(), "hall", gainDb, ringLeftLifted);
        engine = new MediaEngine(config, 40000, 40100, new SplitDevice(earpiece, Microphone.SILENT, hall));
    }

    @Test
    void aCallBackRingsOnTheRingDeviceAtItsGainAndNotInTheEarpiece() {
        start(false, -6);
        engine.play(Tone.RING);
        Wait.until("a second of ring", Duration.ofSeconds(10), () -> hall.ringing(0) >= 40);
        assertEquals(0, earpiece.ringing(0), "the earpiece stays quiet");
        double loudest = hall.frames.stream().mapToDouble(f -> Goertzel.levelDbfs(f, 0, f.length)).max().orElseThrow();
        assertEquals(ToneSound.RING_DBFS - 6, loudest, 0.5);
        engine.stopTone();
        int after = hall.frames.size() + 5;
        // the clock rests 2 s after the last sound: 40 frames (0.8 s) of the hall device after stopTone
        Wait.until("quiet after stopTone", Duration.ofSeconds(10), () -> hall.frames.size() > after + 40);
        assertEquals(0, hall.ringing(after));
    }

    @Test
    void theLeftLiftedAlarmRingsInTheHallWhileItIsUpWhenConfigured() {
        start(true, 0);
        engine.leftLiftedAlarm(true);
        Wait.until("the alarm ringing", Duration.ofSeconds(10), () -> hall.ringing(0) >= 40);
        engine.leftLiftedAlarm(false);
        int after = hall.frames.size() + 5;
        Wait.until("0.8 s after the alarm", Duration.ofSeconds(10), () -> hall.frames.size() > after + 40);
        assertEquals(0, hall.ringing(after), "quiet once the alarm is down");
    }

    @Test
    void withoutTheKeyTheAlarmStaysSilent() throws Exception {
        start(false, 0);
        engine.leftLiftedAlarm(true);
        engine.open(InetAddress.getLoopbackAddress()); // keeps the clock running, so silence is heard
        Wait.until("two seconds of frames", Duration.ofSeconds(10), () -> hall.frames.size() > 100);
        assertEquals(0, hall.ringing(0));
        assertTrue(hall.frames.size() > 100);
    }
}
