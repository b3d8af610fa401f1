package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.hallphone.call.MediaStats;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two engines with file devices talk over loopback RTP: real sockets, threads, codecs and jitter buffers. */
class RtpLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private MediaEngine engine(AudioDevice device) {
        int port = FreePorts.evenUdpPair();
        MediaEngine engine = new MediaEngine(TestAudio.config(), port, port + 1, device);
        toClose.add(engine);
        return engine;
    }

    @Test
    void audioArrivesIntactBothWaysWithTheNegotiatedCodecs(@TempDir Path dir) throws Exception {
        short[] noise = TestAudio.noise(3 * 8000, 42);
        Path wav = dir.resolve("noise.wav");
        TestAudio.writeWav(wav, noise, 8000, 1);
        FileDevice aliceDevice = FileDevice.wav(wav);
        FileDevice bobDevice = FileDevice.tone(1000, -6);
        MediaEngine alice = engine(aliceDevice);
        MediaEngine bob = engine(bobDevice);
        AtomicReference<MediaStats> bobFinal = new AtomicReference<>();
        bob.setStatsListener(bobFinal::set);
        MediaSession a = alice.open(LOOPBACK);
        MediaSession b = bob.open(LOOPBACK);
        assertEquals(0, a.localAddress().getPort() % 2, "RTP port is even");

        a.start(b.localAddress(), Codec.PCMU, 101);
        b.start(a.localAddress(), Codec.PCMA, 101);
        Wait.until("100 packets each way", Duration.ofSeconds(10),
                () -> a.stats().packetsReceived() >= 100 && b.stats().packetsReceived() >= 100);
        a.close();
        b.close();
        alice.close();
        bob.close();

        // Bob heard Alice's noise, frame for frame, exactly as G.711 µ-law reproduces it, in order
        Map<String, Integer> expected = new HashMap<>();
        for (int i = 0; i < noise.length / 160; i++) {
            short[] f = TestAudio.frame(noise, i);
            expected.put(Arrays.toString(G711.decode(Codec.PCMU, G711.encode(Codec.PCMU, f), 0, 160)), i);
        }
        short[] heard = bobDevice.recorded();
        int matched = 0;
        int lastIndex = -1;
        for (int i = 0; i < heard.length / 160; i++) {
            Integer index = expected.get(Arrays.toString(TestAudio.frame(heard, i)));
            if (index != null) {
                assertTrue(lastIndex < 0 || index == (lastIndex + 1) % (noise.length / 160) || index > lastIndex,
                        "frames play in order: " + lastIndex + " then " + index);
                lastIndex = index;
                matched++;
            }
        }
        MediaStats bobStats = bobFinal.get();
        assertTrue(bobStats != null, "the stats listener was called at close");
        assertTrue(matched >= bobStats.packetsReceived() * 9 / 10 - 2,
                matched + " of " + bobStats.packetsReceived() + " frames played intact");
        assertEquals(0, bobStats.packetsLost(), "no loss on loopback");
        assertTrue(a.stats().packetsSent() >= bobStats.packetsReceived());

        // Alice heard Bob's 1 kHz tone through A-law at about -6 dBFS
        short[] aliceHeard = aliceDevice.recorded();
        double amplitude = 0;
        for (int at = 0; at + 800 <= aliceHeard.length; at += 400) {
            amplitude = Math.max(amplitude, Goertzel.amplitude(aliceHeard, at, 800, 1000, 8000));
        }
        assertEquals(-6, 20 * Math.log10(amplitude / 32767), 1.0, "tone level");
    }

    @Test
    void dtmfDigitsCrossAsTelephoneEvents() throws Exception {
        MediaEngine alice = engine(FileDevice.tone(440, -20));
        MediaEngine bob = engine(FileDevice.silence());
        MediaSession a = alice.open(LOOPBACK);
        MediaSession b = bob.open(LOOPBACK);
        List<Character> digits = new CopyOnWriteArrayList<>();
        b.setDtmfListener(digits::add);
        a.start(b.localAddress(), Codec.PCMA, 101);
        b.start(a.localAddress(), Codec.PCMA, 101);
        for (char c : "159#*0D".toCharArray()) {
            a.sendDtmf(c);
        }
        Wait.until("seven digits", Duration.ofSeconds(10), () -> digits.size() >= 7);
        assertEquals(List.of('1', '5', '9', '#', '*', '0', 'D'), digits);
    }

    @Test
    void followsTheFarEndFromAnotherPortAndIgnoresAStrangersHost() throws Exception {
        MediaEngine alice = engine(FileDevice.tone(440, -20));
        MediaEngine bob = engine(FileDevice.tone(440, -20));
        MediaEngine mallory = engine(FileDevice.tone(440, -20));
        MediaSession a = alice.open(LOOPBACK);
        MediaSession b = bob.open(LOOPBACK);
        MediaSession m = mallory.open(InetAddress.getByName("127.0.0.66"));
        // Alice announced port X but (as behind NAT) Bob hears her from another port of her host: followed
        InetSocketAddress announced = new InetSocketAddress(LOOPBACK, FreePorts.evenUdpPair());
        b.start(announced, Codec.PCMU, -1);
        a.start(b.localAddress(), Codec.PCMU, -1);
        Wait.until("Bob hears Alice", Duration.ofSeconds(10), () -> b.stats().packetsReceived() > 20);
        Wait.until("Alice hears Bob's replies sent to the followed address", Duration.ofSeconds(10),
                () -> a.stats().packetsReceived() > 20);
        long before = b.stats().packetsReceived();
        m.start(b.localAddress(), Codec.PCMU, -1);
        Wait.until("Mallory sent", Duration.ofSeconds(10), () -> m.stats().packetsSent() > 20);
        a.close();
        Wait.until("Alice's last packets", Duration.ofSeconds(5), () -> b.millisSinceLastPacket() > 300);
        assertTrue(b.stats().packetsReceived() - before < 30, "only Alice's packets count");
        assertTrue(b.stats().packetsForeign() > 0, "Mallory's packets were dropped and counted");
        assertEquals(0, m.stats().packetsReceived(), "Mallory heard nothing from Bob");
    }
}
