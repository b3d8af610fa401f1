package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.hallphone.call.Tone;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 20 ms clock runs only while there is audio to carry: an idle terminal does no audio work. */
class MediaClockLifecycleTest {

    private static final Duration GENEROUS = Duration.ofSeconds(15);
    private MediaEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private FileDevice start() {
        FileDevice device = FileDevice.silence();
        int port = FreePorts.evenUdpPair();
        engine = new MediaEngine(TestAudio.config(), port, port + 1, device);
        return device;
    }

    @Test
    void aNewEngineDoesNotTickAndATonesStartsItAtOnce() {
        FileDevice device = start();
        assertFalse(engine.clockRunning(), "no clock before anything plays");
        assertEquals(0, device.recorded().length, "nothing was played");

        engine.play(Tone.RINGBACK);
        Wait.until("the ringback plays", GENEROUS, () -> device.recorded().length >= 8 * 200);
        assertTrue(engine.clockRunning());
        short[] first = device.recorded();
        assertTrue(Goertzel.levelDbfs(first, 0, 800) > -40,
                "the first frames played are the tone, not silence ticked while idle");
    }

    @Test
    void theClockStopsAfterTheCallAndNoFrameIsPlayedUntilTheNextSound() throws Exception {
        FileDevice device = start();
        try (MediaSession session = engine.open(InetAddress.getLoopbackAddress())) {
            Wait.until("the clock runs during the call", GENEROUS, engine::clockRunning);
        }
        Wait.until("the clock stops after the call", GENEROUS, () -> !engine.clockRunning());
        int afterCall = device.recorded().length;

        // The next sound proves that nothing ticked in between: it starts right where the call's audio ended.
        engine.play(Tone.BUSY);
        Wait.until("the busy tone plays", GENEROUS, () -> device.recorded().length >= afterCall + 8 * 100);
        short[] all = device.recorded();
        assertTrue(Goertzel.levelDbfs(all, afterCall, 8 * 100) > -40,
                "the first frame after the idle gap is the busy tone: no silent ticks while idle");
        engine.stopTone();
        Wait.until("the clock stops after the tone", GENEROUS, () -> !engine.clockRunning());
    }
}
