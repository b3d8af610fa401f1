package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.hallphone.media.Codec;
import org.junit.jupiter.api.Test;

/** The terminal's SDP offer and answer (RFC 3264) and how a far end's audio stream is read (RFC 4566). */
class SdpTest {

    @Test
    void offerListsG711TelephoneEventAndPtime() {
        String sdp = Sdp.offer(new InetSocketAddress("192.0.2.5", 16384), 42, 1);
        assertEquals("v=0\r\n"
                + "o=hallphone 42 1 IN IP4 192.0.2.5\r\n"
                + "s=Hallphone\r\n"
                + "c=IN IP4 192.0.2.5\r\n"
                + "t=0 0\r\n"
                + "m=audio 16384 RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n"
                + "a=rtcp-mux\r\n", sdp);
    }

    @Test
    void rtcpMuxIsAnsweredOnlyWhenOffered() {
        String with = "v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\na=rtcp-mux\r\n";
        SdpMedia muxed = Sdp.parse(with);
        assertTrue(muxed.rtcpMux());
        assertTrue(muxed.farEnd(null).rtcpMux());
        assertTrue(Sdp.answer(new InetSocketAddress("192.0.2.5", 16384), 1, 1, muxed).contains("a=rtcp-mux\r\n"));
        SdpMedia plain = Sdp.parse(with.replace("a=rtcp-mux\r\n", ""));
        assertFalse(plain.rtcpMux());
        assertFalse(Sdp.answer(new InetSocketAddress("192.0.2.5", 16384), 1, 1, plain).contains("rtcp-mux"));
    }

    @Test
    void answerWithStaticTypesAndNoRtpmapIsUnderstood() {
        SdpMedia m = Sdp.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 8\r\n");
        assertEquals(new InetSocketAddress("192.0.2.9", 4000), m.remote());
        assertEquals(Codec.PCMA, m.codec());
        assertEquals(-1, m.telephoneEvent());
    }

    @Test
    void mediaLevelConnectionAndDynamicTelephoneEventWin() {
        SdpMedia m = Sdp.parse("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n"
                + "m=video 5000 RTP/AVP 96\nc=IN IP4 192.0.2.77\n"
                + "m=audio 6000 RTP/AVP 18 0 96\nc=IN IP4 192.0.2.2\na=rtpmap:96 telephone-event/8000\n");
        assertEquals(new InetSocketAddress("192.0.2.2", 6000), m.remote());
        assertEquals(Codec.PCMU, m.codec());
        assertEquals(96, m.telephoneEvent());
    }

    @Test
    void unusableAnswersAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse("v=0\r\nc=IN IP4 192.0.2.1\r\n"
                + "m=audio 0 RTP/AVP 0\r\n"), "rejected stream");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sdp.parse(
                "v=0\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n"));
        assertTrue(e.getMessage().contains("G.711"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse("garbage"));
    }

    @Test
    void holdDirectionsAreRead() {
        String base = "v=0\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
        assertEquals(SdpMedia.Direction.SENDRECV, Sdp.parse(base + "m=audio 4000 RTP/AVP 0\r\n").direction());
        assertEquals(SdpMedia.Direction.INACTIVE,
                Sdp.parse(base + "m=audio 4000 RTP/AVP 0\r\na=inactive\r\n").direction());
        assertEquals(SdpMedia.Direction.SENDONLY,
                Sdp.parse("v=0\r\na=sendonly\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\n").direction());
        SdpMedia oldHold = Sdp.parse("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n");
        assertFalse(oldHold.farEndSends(), "c=0.0.0.0 is hold (RFC 3264 §8.4)");
        SdpMedia sendonly = new SdpMedia(new InetSocketAddress("192.0.2.3", 7000), Codec.PCMU, -1,
                SdpMedia.Direction.SENDONLY);
        assertTrue(Sdp.answer(new InetSocketAddress("192.0.2.4", 16000), 1, 2, sendonly).contains("a=recvonly\r\n"));
    }

    @Test
    void answerToAnOfferKeepsItsCodecAndEventType() {
        SdpMedia offer = new SdpMedia(new InetSocketAddress("192.0.2.3", 7000), Codec.PCMA, 96,
                SdpMedia.Direction.SENDRECV);
        String sdp = Sdp.answer(new InetSocketAddress("192.0.2.4", 16000), 1, 2, offer);
        assertTrue(sdp.contains("m=audio 16000 RTP/AVP 8 96\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:96 telephone-event/8000\r\n"), sdp);
    }
}
