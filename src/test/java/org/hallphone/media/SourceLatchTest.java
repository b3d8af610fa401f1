package org.hallphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.hallphone.media.SourceLatch.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Strict RTP's rules, one scenario each (pure logic; the wire is tested in StrictRtpTest). */
class SourceLatchTest {

    private static final long MS = 1_000_000L;
    private static final InetSocketAddress SDP = address("192.0.2.10", 4000);
    private static final InetAddress PEER = host("198.51.100.7");
    private static final InetSocketAddress NAT = address("198.51.100.7", 61000);
    private static final InetSocketAddress STRANGER = address("203.0.113.66", 4000);

    private final SourceLatch latch = new SourceLatch();

    private static InetSocketAddress address(String host, int port) {
        return new InetSocketAddress(host(host), port);
    }

    private static InetAddress host(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void target() {
        assertTrue(latch.expect(SDP, PEER));
    }

    private Verdict packet(InetSocketAddress from, long ssrc, int sequence, long atMillis) {
        if (!latch.admits(from)) {
            return Verdict.FOREIGN;
        }
        return latch.onPacket(from, true, ssrc, sequence, atMillis * MS);
    }

    private Verdict junk(InetSocketAddress from, long atMillis) {
        if (!latch.admits(from)) {
            return Verdict.FOREIGN;
        }
        return latch.onPacket(from, false, 0, 0, atMillis * MS);
    }

    @Test
    void theSdpAddressIsAcceptedAtOnceAndSentTo() {
        assertEquals(SDP, latch.sendTo());
        assertEquals(Verdict.ACCEPT, packet(SDP, 1, 100, 0));
        assertEquals(SDP, latch.sendTo());
    }

    @Test
    void aStrangerIsForeignHoweverValidAndWhenever() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Verdict.FOREIGN, packet(STRANGER, 7, 500 + i, i * 20L));
        }
        assertEquals(20, latch.foreign());
        assertEquals(SDP, latch.sendTo(), "nothing is sent to a stranger");
    }

    @Test
    void anotherPortOfThePeerIsFollowedAfterFourConsecutivePacketsAndNotSentToBefore() {
        for (int i = 0; i < SourceLatch.PROBATION - 1; i++) {
            assertEquals(Verdict.PROBATION, packet(NAT, 9, (65534 + i) & 0xFFFF, i * 20L)); // wraps at 65535
            assertEquals(SDP, latch.sendTo(), "a source on probation is never sent to");
        }
        assertEquals(Verdict.ACCEPT, packet(NAT, 9, 1, 60));
        assertEquals(NAT, latch.sendTo());
        assertEquals(Verdict.ACCEPT, packet(NAT, 9, 2, 80));
    }

    @Test
    void aGapOrAnotherSsrcRestartsTheProbation() {
        packet(NAT, 9, 10, 0);
        packet(NAT, 9, 11, 20);
        packet(NAT, 9, 13, 40); // gap
        packet(NAT, 9, 14, 60);
        assertEquals(Verdict.PROBATION, packet(NAT, 5, 15, 80)); // another SSRC
        assertEquals(Verdict.PROBATION, packet(NAT, 5, 16, 100));
        assertEquals(Verdict.PROBATION, packet(NAT, 5, 17, 120));
        assertEquals(Verdict.ACCEPT, packet(NAT, 5, 18, 140));
    }

    @Test
    void aSourceThatSentJunkIsNeverFollowed() {
        assertEquals(Verdict.INVALID, junk(NAT, 0));
        for (int i = 0; i < 10; i++) {
            assertEquals(Verdict.FOREIGN, packet(NAT, 9, 100 + i, 20 + i * 20L));
        }
        assertEquals(SDP, latch.sendTo());
        assertEquals(1, latch.invalid());
    }

    @Test
    void theSdpAddressSendingJunkIsDroppedButNotBarred() {
        assertEquals(Verdict.INVALID, junk(SDP, 0));
        assertEquals(Verdict.ACCEPT, packet(SDP, 1, 100, 20));
    }

    @Test
    void noNewSourceAfterTheLearningWindow() {
        assertEquals(Verdict.ACCEPT, packet(SDP, 1, 100, 0));
        long late = SourceLatch.WINDOW_NANOS / MS + 1;
        for (int i = 0; i < 10; i++) {
            assertEquals(Verdict.FOREIGN, packet(NAT, 9, 100 + i, late + i * 20L));
        }
        assertEquals(SDP, latch.sendTo());
    }

    @Test
    void withinTheWindowTheFarEndMayMoveFromTheSdpAddress() {
        assertEquals(Verdict.ACCEPT, packet(SDP, 1, 100, 0));
        for (int i = 0; i < SourceLatch.PROBATION - 1; i++) {
            assertEquals(Verdict.PROBATION, packet(NAT, 1, 200 + i, 100 + i * 20L));
        }
        assertEquals(Verdict.ACCEPT, packet(NAT, 1, 203, 200));
        assertEquals(NAT, latch.sendTo());
        assertEquals(Verdict.PROBATION, packet(SDP, 1, 101, 220), "the old address proves itself again");
    }

    @Test
    void theSameTargetAgainChangesNothingAndANewOneLearnsAfresh() {
        assertEquals(Verdict.ACCEPT, packet(SDP, 1, 100, 0));
        assertFalse(latch.expect(SDP, PEER), "a 200 repeating the 183's SDP");
        assertEquals(Verdict.ACCEPT, packet(SDP, 1, 101, 20));
        long late = SourceLatch.WINDOW_NANOS / MS + 100;
        assertEquals(Verdict.FOREIGN, packet(NAT, 9, 1, late));
        InetSocketAddress moved = address("192.0.2.11", 4002);
        assertTrue(latch.expect(moved, PEER), "a re-INVITE moves the media");
        assertEquals(moved, latch.sendTo());
        assertEquals(Verdict.FOREIGN, packet(SDP, 1, 102, late + 20), "the old host is no longer the far end's");
        assertEquals(Verdict.ACCEPT, packet(moved, 3, 1, late + 40));
    }

    @Test
    void rtcpIsTheFarEndsOnlyFromItsHosts() {
        assertTrue(latch.isFarEndRtcp(address("192.0.2.10", 4001), false));
        assertFalse(latch.isFarEndRtcp(address("203.0.113.66", 4001), false));
        assertFalse(latch.isFarEndRtcp(address("192.0.2.10", 4001), true), "muxed: only the RTP address itself");
        assertTrue(latch.isFarEndRtcp(SDP, true));
    }
}
