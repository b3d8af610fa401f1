package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.TransactionState;
import org.hallphone.call.MediaStats;
import org.hallphone.media.FarEnd;
import org.hallphone.media.MediaSession;
import org.hallphone.media.PacketTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A call leg's own logic: its stage moves, hang-up and CANCEL once, media, the RTP time-out and release. */
class CallLegTest {

    private static final String TALKING = sdp("sendrecv");
    private static final String HOLDING = sdp("sendonly");

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "CALLING, CALLING, true", "CALLING, PROCEEDING, true", "CALLING, RINGING_IN, false",
            "CALLING, ANSWERED, true", "CALLING, ENDED, true",
            "PROCEEDING, CALLING, true", "PROCEEDING, PROCEEDING, true", "PROCEEDING, RINGING_IN, false",
            "PROCEEDING, ANSWERED, true", "PROCEEDING, ENDED, true",
            "RINGING_IN, CALLING, false", "RINGING_IN, PROCEEDING, false", "RINGING_IN, RINGING_IN, false",
            "RINGING_IN, ANSWERED, true", "RINGING_IN, ENDED, true",
            "ANSWERED, CALLING, false", "ANSWERED, PROCEEDING, false", "ANSWERED, RINGING_IN, false",
            "ANSWERED, ANSWERED, false", "ANSWERED, ENDED, true",
            "ENDED, CALLING, false", "ENDED, PROCEEDING, false", "ENDED, RINGING_IN, false",
            "ENDED, ANSWERED, false", "ENDED, ENDED, true",
    })
    void stageMovesFollowTheTable(CallLeg.Stage from, CallLeg.Stage to, boolean allowed) {
        assertEquals(allowed, from.leadsTo(to));
    }

    @Test
    void anOutgoingLegProceedsIsChallengedAndIsAnswered() {
        StubMedia media = new StubMedia();
        CallLeg leg = outgoing(media);
        assertEquals(CallLeg.Stage.CALLING, leg.stage());
        leg.proceeding();
        assertEquals(CallLeg.Stage.PROCEEDING, leg.stage());
        leg.resend(null); // the INVITE that answers a challenge: nothing heard about it yet
        assertEquals(CallLeg.Stage.CALLING, leg.stage());
        leg.answered(far(), Sdp.parse(TALKING), SdpCrypto.Agreement.plain(SdpCrypto.AVP));
        assertEquals(CallLeg.Stage.ANSWERED, leg.stage());
        assertEquals(1, media.starts);
        leg.proceeding(); // a late 1xx changes nothing
        assertEquals(CallLeg.Stage.ANSWERED, leg.stage());
        assertThrows(IllegalStateException.class, () -> leg.resend(null), "an answered call is never re-sent");
    }

    @Test
    void anIncomingLegRingsThenIsAnsweredAndWaitsForItsAck() {
        CallLeg leg = incoming();
        assertEquals(CallLeg.Stage.RINGING_IN, leg.stage());
        assertTrue(leg.knowsPeer(InetAddress.getLoopbackAddress()), "the INVITE's source is the far end");
        leg.proceeding();
        assertEquals(CallLeg.Stage.RINGING_IN, leg.stage(), "only an outgoing leg proceeds");
        assertThrows(IllegalStateException.class, () -> leg.resend(null));
        assertFalse(leg.awaitingAck());
        leg.attach(new StubMedia());
        leg.answeredIncoming(null, null);
        assertEquals(CallLeg.Stage.ANSWERED, leg.stage());
        assertFalse(leg.awaitingAck(), "no ACK watch was started");
        assertFalse(leg.mayStillBeAnswered(), "an incoming leg never lingers");
    }

    @Test
    void endingReleasesMediaOnceAndStaysEnded() {
        StubMedia media = new StubMedia();
        CallLeg leg = outgoing(media);
        leg.end();
        assertEquals(CallLeg.Stage.ENDED, leg.stage());
        assertNull(leg.media());
        assertEquals(0, leg.rtpPort());
        leg.end();
        leg.release();
        assertEquals(1, media.closes, "released once");
        assertThrows(IllegalStateException.class, () -> leg.resend(null), "an ended leg stays ended");
    }

    @Test
    void releaseKeepsTheStageSoThatAFirstResponseStillCancels() {
        StubMedia media = new StubMedia();
        CallLeg leg = outgoing(media);
        assertTrue(leg.requestHangUp());
        assertFalse(leg.requestHangUp(), "a hang-up is requested once");
        leg.release();
        assertEquals(CallLeg.Stage.CALLING, leg.stage());
        assertTrue(leg.hangUpRequested());
        assertEquals(1, media.closes);
    }

    @Test
    void cancelGoesOutOnceAndOnlyAfterAnInvite() {
        CallLeg leg = outgoing(new StubMedia());
        assertFalse(leg.cancelOnce(), "no INVITE sent yet");
        leg.sent(transaction(TransactionState.PROCEEDING));
        assertTrue(leg.cancelOnce());
        assertFalse(leg.cancelOnce());
    }

    @Test
    void anOutgoingLegLingersWhileItsInviteTransactionMayStillBeAnswered() {
        CallLeg leg = outgoing(new StubMedia());
        assertFalse(leg.mayStillBeAnswered(), "nothing sent");
        leg.sent(transaction(TransactionState.PROCEEDING));
        assertTrue(leg.mayStillBeAnswered());
        leg.sent(transaction(TransactionState.COMPLETED));
        assertFalse(leg.mayStillBeAnswered());
        leg.sent(transaction(TransactionState.TERMINATED));
        assertFalse(leg.mayStillBeAnswered());
    }

    @Test
    void dtmfGoesOutOnlyOnAnAnsweredCall() {
        StubMedia media = new StubMedia();
        CallLeg leg = outgoing(media);
        leg.sendDtmf('5');
        leg.answered(far(), Sdp.parse(TALKING), SdpCrypto.Agreement.plain(SdpCrypto.AVP));
        leg.sendDtmf('7');
        assertEquals(List.of('7'), media.digits);
    }

    @Test
    void missingRtpIsReportedOnceAndNeverWhileTheFarEndHolds() {
        StubMedia media = new StubMedia();
        media.silentMs = 60_000;
        CallLeg leg = outgoing(media);
        assertFalse(leg.rtpMissingFor(0), "not answered yet");
        leg.answered(far(), Sdp.parse(HOLDING), SdpCrypto.Agreement.plain(SdpCrypto.AVP));
        assertFalse(leg.rtpMissingFor(0), "on hold silence is by design");
        leg.expectRtp(Sdp.parse(TALKING));
        assertFalse(leg.rtpMissingFor(3_600_000), "resumed: the whole time-out starts again");
        assertTrue(leg.rtpMissingFor(0));
        assertFalse(leg.rtpMissingFor(0), "reported once");
    }

    @Test
    void authTriesAllowTwoAnswersAndAFewFreeOnesForStaleNonces() {
        AuthTries tries = outgoing(new StubMedia()).authTries();
        assertTrue(tries.staleAnswer(true));
        assertTrue(tries.staleAnswer(true));
        assertFalse(tries.staleAnswer(true), "stale answers are capped too");
        assertFalse(tries.staleAnswer(false));
        assertTrue(tries.answer());
        assertTrue(tries.answer());
        assertFalse(tries.answer(), "a wrong password never loops");
        assertEquals(AuthTries.MAX_AUTH_TRIES, tries.answered());
        tries.resetAnswers();
        assertTrue(tries.answer());
        assertFalse(tries.staleAnswer(true), "stale answers stay counted until reset()");
        tries.reset();
        assertTrue(tries.staleAnswer(true));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static CallLeg outgoing(MediaSession media) {
        return CallLeg.outgoing(7, "call-7", null, media, null);
    }

    private static CallLeg incoming() {
        return CallLeg.incoming(-1, "call-in", null, null, Sdp.parse(TALKING),
                SdpCrypto.Agreement.plain(SdpCrypto.AVP), "tag", InetAddress.getLoopbackAddress());
    }

    private static FarEnd far() {
        return FarEnd.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000),
                Sdp.parse(TALKING).codec(), -1);
    }

    private static String sdp(String direction) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=" + direction + "\r\n";
    }

    /** A client transaction that only tells its state (and has no dialog). */
    private static ClientTransaction transaction(TransactionState state) {
        return (ClientTransaction) Proxy.newProxyInstance(CallLegTest.class.getClassLoader(),
                new Class<?>[] {ClientTransaction.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getState" -> state;
                    case "getDialog" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Counts what the leg asks of its media; no sockets. */
    private static final class StubMedia implements MediaSession {
        int starts;
        int closes;
        long silentMs;
        final List<Character> digits = new ArrayList<>();

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 41_000);
        }

        @Override
        public void start(FarEnd far) {
            starts++;
        }

        @Override
        public void setPacketTransform(PacketTransform transform) {
        }

        @Override
        public void sendDtmf(char digit) {
            digits.add(digit);
        }

        @Override
        public void setDtmfListener(Consumer<Character> listener) {
        }

        @Override
        public long millisSinceLastPacket() {
            return silentMs;
        }

        @Override
        public MediaStats stats() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closes++;
        }
    }
}
