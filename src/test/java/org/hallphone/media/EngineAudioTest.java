package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.hallphone.call.Prompt;
import org.hallphone.call.Tone;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's clock, mixing, tones, prompts, volume and self-test, heard through a file device. */
class EngineAudioTest {

    private MediaEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private MediaEngine start(org.hallphone.config.AudioConfig config, AudioDevice device) {
        int port = FreePorts.evenUdpPair();
        engine = new MediaEngine(config, port, port + 1, device);
        return engine;
    }

    /** Records until {@code millis} more of audio were played, then returns just that part. */
    private static short[] listen(FileDevice device, int millis) {
        int from = device.recorded().length;
        Wait.until(millis + " ms played", Duration.ofSeconds(10 + millis / 1000),
                () -> device.recorded().length >= from + millis * 8);
        return Arrays.copyOfRange(device.recorded(), from, from + millis * 8);
    }

    @Test
    void busyToneIsPlayedAndStopped() {
        FileDevice device = FileDevice.silence();
        start(TestAudio.config(), device);
        engine.play(Tone.BUSY);
        short[] heard = listen(device, 1400);
        assertEquals(425, Goertzel.dominantFrequency(heard, 0, heard.length, 8000, 300, 3400), 1);
        double loudest = -200;
        for (int at = 0; at + 800 <= heard.length; at += 40) {
            loudest = Math.max(loudest, Goertzel.levelDbfs(heard, at, 800 / 4));
        }
        assertEquals(ToneSound.TONE_DBFS, loudest, 0.5);
        engine.stopTone();
        listen(device, 100);
        assertEquals(-120, Goertzel.levelDbfs(listen(device, 500), 0, 4000), 0.0, "silent after stopTone");
    }

    @Test
    void volumeStepsAreThreeDecibelsWithinTwelve() {
        FileDevice device = FileDevice.silence();
        start(TestAudio.config(), device);
        engine.adjustVolume(2);
        assertEquals(6, engine.playbackGainDb());
        engine.play(Tone.RINGBACK);
        listen(device, 100);
        short[] louder = listen(device, 600);
        assertEquals(ToneSound.TONE_DBFS + 6, Goertzel.levelDbfs(louder, 0, louder.length), 0.5);
        engine.adjustVolume(10);
        assertEquals(12, engine.playbackGainDb(), "clamped at +12 dB");
        engine.adjustVolume(-20);
        assertEquals(-12, engine.playbackGainDb(), "clamped at -12 dB");
        engine.resetVolume();
        assertEquals(0, engine.playbackGainDb());
    }

    @Test
    void promptFilesAreConvertedAndPlayedOnceBeforeTheTone(@TempDir Path prompts) throws Exception {
        // a 44.1 kHz stereo prompt: 0.6 s of 1 kHz
        short[] mono = TestAudio.sine(1000, 10000, 26460, 44100);
        short[] stereo = new short[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = mono[i];
        }
        writeStereo(prompts.resolve("connecting.wav"), stereo, 44100);
        FileDevice device = FileDevice.silence();
        start(TestAudio.config(prompts), device);
        engine.play(Prompt.ALL_BUSY); // no such file: nothing happens
        engine.play(Prompt.CONNECTING);
        engine.play(Tone.RINGBACK);
        short[] heard = listen(device, 2000);
        int firstSound = 0;
        while (firstSound < heard.length && Math.abs(heard[firstSound]) < 100) {
            firstSound++;
        }
        assertTrue(firstSound < 8 * 200, "the prompt starts at once");
        assertEquals(1000, Goertzel.dominantFrequency(heard, firstSound + 400, 4000, 8000, 300, 3400), 1);
        assertEquals(20 * Math.log10(10000 / 32767.0), Goertzel.levelDbfs(heard, firstSound + 400, 4000), 0.5);
        int afterPrompt = firstSound + 4800 + 400;
        assertEquals(425, Goertzel.dominantFrequency(heard, afterPrompt, 4000, 8000, 300, 3400), 1,
                "then the ringback it held back");
    }

    private static void writeStereo(Path file, short[] interleaved, int rate) throws Exception {
        TestAudio.writeWav(file, interleaved, rate, 2);
    }

    @Test
    void selfTestHearsItsToneThroughALoopbackDevice() throws Exception {
        start(TestAudio.config(), new EchoDevice(Duration.ofMillis(40)));
        SelfTest.Result result = engine.selfTest().get(10, TimeUnit.SECONDS);
        assertTrue(result.ok(), result.toString());
        assertEquals(SelfTest.TONE_HZ, result.frequencyHz(), 1);
        assertEquals(SelfTest.TONE_DBFS, result.levelDbfs(), 0.5);
    }

    @Test
    void selfTestFailsWhenNothingComesBack() {
        SelfTest.Result result = SelfTest.run(AudioDevice.silent());
        assertTrue(!result.ok() && result.levelDbfs() < -100, result.toString());
    }

    @Test
    void tonesMixWithTheCallAudio() throws Exception {
        FileDevice device = FileDevice.silence();
        start(TestAudio.config(), device);
        int port = FreePorts.evenUdpPair();
        try (MediaEngine far = new MediaEngine(TestAudio.config(), port, port + 1, FileDevice.tone(1000, -20));
             MediaSession near = engine.open(InetAddress.getLoopbackAddress());
             MediaSession remote = far.open(InetAddress.getLoopbackAddress())) {
            near.start(remote.localAddress(), Codec.PCMU, -1);
            remote.start(near.localAddress(), Codec.PCMU, -1);
            engine.play(Tone.RINGBACK);
            Wait.until("audio arrives", Duration.ofSeconds(10), () -> near.stats().packetsReceived() > 10);
            short[] heard = listen(device, 600);
            assertTrue(Goertzel.amplitude(heard, 0, 4000, 425, 8000) > 3000, "the tone");
            assertTrue(Goertzel.amplitude(heard, 0, 4000, 1000, 8000) > 2000, "and the far end");
        }
    }

    @Test
    void rtpPortsAreEvenAndWithinTheRange() throws Exception {
        int base = FreePorts.evenUdpPair();
        engine = new MediaEngine(TestAudio.config(), base, base + 1, AudioDevice.silent());
        try (MediaSession first = engine.open(InetAddress.getLoopbackAddress())) {
            assertEquals(base, first.localAddress().getPort());
            assertThrows(IOException.class, () -> engine.open(InetAddress.getLoopbackAddress()),
                    "the only even port is taken");
        }
        assertThrows(IllegalArgumentException.class,
                () -> new MediaEngine(TestAudio.config(), 4001, 4001, AudioDevice.silent()));
    }
}
