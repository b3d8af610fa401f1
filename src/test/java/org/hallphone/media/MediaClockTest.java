package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;

/**
 * The 20 ms media clock survives what used to stop it for good (review findings F22 and F14): an {@link Error} from
 * the sound stack, and a telephone-event payload type no RTP packet can carry.
 */
class MediaClockTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A microphone whose sound stack throws an Error now and then, as a broken native library would. */
    private static final class FailingDevice implements AudioDevice {
        final AtomicInteger captures = new AtomicInteger();

        @Override
        public boolean play(short[] frame) {
            return true;
        }

        @Override
        public void capture(short[] frame) {
            if (captures.incrementAndGet() % 5 == 0) {
                throw new UnsatisfiedLinkError("libasound.so.2: cannot open shared object file (simulated)");
            }
        }

        @Override
        public String describe() {
            return "failing test device";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anErrorInATickIsCountedAndTheClockGoesOn() throws Exception {
        FailingDevice device = new FailingDevice();
        int port = FreePorts.evenUdpPair();
        try (MediaEngine engine = new MediaEngine(TestAudio.config(), port, port + 1, device)) {
            engine.open(LOOPBACK); // a call's session: the clock runs only while there is audio to carry
            Wait.until("fifty ticks, ten of them failed", Duration.ofSeconds(20), () -> device.captures.get() >= 50);
            assertTrue(engine.failedClockTicks() >= 9, "failures counted: " + engine.failedClockTicks());
            assertTrue(engine.millisSinceClockTick() < 2000, "the heartbeat is fresh: "
                    + engine.millisSinceClockTick() + " ms");
            int before = device.captures.get();
            Wait.until("the clock still ticking", Duration.ofSeconds(20), () -> device.captures.get() > before + 20);
        }
    }

    @Test
    void aTelephoneEventTypeAbove127NeverReachesAPacketAndVoiceGoesOn() throws Exception {
        int port = FreePorts.evenUdpPair();
        try (MediaEngine engine = new MediaEngine(TestAudio.config(), port, port + 1, FileDevice.tone(440, -20));
             DatagramSocket farEnd = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            MediaSession session = engine.open(LOOPBACK);
            session.start(new FarEnd((InetSocketAddress) farEnd.getLocalSocketAddress(), LOOPBACK, Codec.PCMU, 200,
                    false));
            for (char digit : "123".toCharArray()) {
                session.sendDtmf(digit); // ignored: no usable telephone-event
            }
            farEnd.setSoTimeout(5000);
            byte[] buffer = new byte[2048];
            for (int i = 0; i < 60; i++) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    farEnd.receive(packet);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("voice stopped after " + i + " packets", e);
                }
                assertEquals(0, buffer[1] & 0x7F, "only PCMU leaves, never an event with a broken type");
            }
            assertEquals(0, engine.failedClockTicks(), "no tick failed");
        }
    }
}
