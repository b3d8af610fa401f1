package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 3550 Appendix A figures: loss across sequence wrap-around, jitter across timestamp wrap-around. */
class ReceiveStatisticsTest {

    @Test
    void countsLossAcrossSequenceWrapAround() {
        ReceiveStatistics stats = new ReceiveStatistics();
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                stats.onPacket((65500 + i) & 0xFFFF, 160L * i, 160L * i, true);
            }
        }
        assertEquals(90, stats.received());
        assertEquals(10, stats.lost());
    }

    @Test
    void reorderingAndDuplicatesAreNotLoss() {
        ReceiveStatistics stats = new ReceiveStatistics();
        int[] order = {1, 3, 2, 4, 4, 6, 5};
        for (int seq : order) {
            stats.onPacket(seq, 160L * seq, 160L * seq, true);
        }
        assertEquals(0, stats.lost());
    }

    @Test
    void jitterFollowsTheRfcEstimatorAcrossTimestampWrapAround() {
        ReceiveStatistics stats = new ReceiveStatistics();
        long start = 0xFFFFFFFFL - 800;
        double expected = 0;
        for (int i = 0; i < 200; i++) {
            long timestamp = (start + 160L * i) & 0xFFFFFFFFL;
            long arrival = 1_000_000 + 160L * i + (i % 2 == 0 ? 0 : 40); // every other packet 5 ms late
            stats.onPacket(i, timestamp, arrival, true);
            if (i > 0) {
                expected += (40 - expected) / 16; // |D| is 40 samples every time
            }
        }
        assertEquals(expected / 8, stats.jitterMillis(), 1e-9);
        assertEquals(5, stats.jitterMillis(), 0.01);
    }

    @Test
    void aNewSourceKeepsTheLossSoFarAndStartsAgain() {
        ReceiveStatistics stats = new ReceiveStatistics();
        stats.onPacket(10, 0, 0, true);
        stats.onPacket(13, 480, 480, true); // 11 and 12 lost
        stats.newSource();
        stats.onPacket(50000, 9_999, 640, true);
        stats.onPacket(50001, 10_159, 800, true);
        assertEquals(2, stats.lost());
        assertEquals(4, stats.received());
    }

    @Test
    void aHugeSequenceJumpStartsANewRunInsteadOfCountingThousandsLost() {
        ReceiveStatistics stats = new ReceiveStatistics();
        stats.onPacket(100, 0, 0, true);
        stats.onPacket(101, 160, 160, true);
        stats.onPacket(30000, 320, 320, true);
        stats.onPacket(30001, 480, 480, true);
        assertEquals(0, stats.lost());
    }
}
