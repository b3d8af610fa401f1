package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The self-test passes a whole loopback and catches one that loses blocks, however late the tone comes back. */
class SelfTestTest {

    /**
     * A loopback whose capture path loses blocks the way the terminal's did with PulseAudio's sine source: of
     * every {@code period} frames only the first {@code kept} come through, the rest are silence.
     */
    private static final class DroppingDevice implements AudioDevice {
        private final EchoDevice air;
        private final int period;
        private final int kept;
        private int frame;

        DroppingDevice(Duration delay, int period, int kept) {
            this.air = new EchoDevice(delay);
            this.period = period;
            this.kept = kept;
        }

        @Override
        public boolean play(short[] samples) {
            return air.play(samples);
        }

        @Override
        public void capture(short[] samples) {
            air.capture(samples);
            if (frame++ % period >= kept) {
                Arrays.fill(samples, (short) 0);
            }
        }

        @Override
        public String describe() {
            return "dropping loopback";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aWholeLoopbackPassesWithItsLevelFrequencyAndDelay() {
        SelfTest.Result result = SelfTest.run(new EchoDevice(Duration.ofMillis(600)));
        assertTrue(result.ok(), result.describe());
        assertEquals(0, result.gapBlocks());
        assertEquals(SelfTest.TONE_DBFS, result.levelDbfs(), 0.5);
        assertEquals(SelfTest.TONE_HZ, result.frequencyHz(), 1);
        assertEquals(600, result.latencyMs(), 40);
        assertTrue(result.describe().startsWith("OK: 1000 Hz"), result.describe());
    }

    @Test
    void aCapturePathThatDeliversHalfASecondInEveryTwoFails() {
        SelfTest.Result result = SelfTest.run(new DroppingDevice(Duration.ofMillis(100), 100, 25));
        assertFalse(result.ok(), result.describe());
        assertTrue(result.gapBlocks() >= 50, result.describe());
        assertTrue(result.describe().startsWith("FAILED: ") && result.describe().contains("ms of gaps"),
                result.describe());
    }

    @Test
    void oneBlockLostInTenIsCaught() {
        SelfTest.Result result = SelfTest.run(new DroppingDevice(Duration.ofMillis(40), 10, 9));
        assertFalse(result.ok(), result.describe());
        assertEquals(10, result.gapBlocks(), 1, result.describe());
    }

    @Test
    void oneBlockLostInTheWholeToneIsCountedButTolerated() {
        SelfTest.Result result = SelfTest.run(new DroppingDevice(Duration.ofMillis(40), 60, 59));
        assertTrue(result.ok(), result.describe());
        assertEquals(1, result.gapBlocks(), result.describe());
    }

    @Test
    void aToneThatComesBackTooLateFails() {
        SelfTest.Result result = SelfTest.run(new EchoDevice(Duration.ofMillis(3500)));
        assertFalse(result.ok(), result.describe());
    }

    @Test
    void silenceFailsAndSaysSo() {
        SelfTest.Result result = SelfTest.analyse(new short[8000 * 4]);
        assertFalse(result.ok());
        assertEquals(-1, result.latencyMs());
        assertTrue(result.describe().contains("not heard"), result.describe());
    }
}
