package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Where a far end's SDP may not send the terminal's media (review F14, F9): host names, multicast, broadcast,
 * mismatched address types, payload types outside their ranges, the terminal's own ports and loopback from afar. */
class SdpRefusalTest {

    private static String sdp(String connection, String formats, String... attributes) {
        StringBuilder s = new StringBuilder("v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=" + connection
                + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP " + formats + "\r\n");
        for (String a : attributes) {
            s.append("a=").append(a).append("\r\n");
        }
        return s.toString();
    }

    @Test
    void connectionHostNamesAreRefusedWithoutALookup() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sdp.parse(sdp("IN IP4 media.attacker.example", "0")));
        assertTrue(e.getMessage().contains("not a literal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 localhost", "0")));
    }

    @Test
    void multicastBroadcastAndMismatchedAddressTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 239.1.2.3", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 239.1.2.3/127", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP6 ff02::1", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 255.255.255.255", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP6 10.0.0.1", "0")));
        assertThrows(IllegalArgumentException.class, () -> Sdp.parse(sdp("IN IP4 2001:db8::1", "0")));
        assertEquals(40000, Sdp.parse(sdp("IN IP6 2001:db8::1", "0")).remote().getPort());
        assertEquals(SdpMedia.Direction.INACTIVE, Sdp.parse(sdp("IN IP4 0.0.0.0", "0")).direction(), "hold");
    }

    @Test
    void dynamicPayloadTypesOnlyFrom96To127() {
        assertEquals(-1, Sdp.parse(sdp("IN IP4 10.0.0.9", "0 200", "rtpmap:200 telephone-event/8000"))
                .telephoneEvent(), "200 is no RTP payload type");
        assertEquals(-1, Sdp.parse(sdp("IN IP4 10.0.0.9", "0 50", "rtpmap:50 telephone-event/8000"))
                .telephoneEvent(), "50 is not dynamic");
        assertEquals(127, Sdp.parse(sdp("IN IP4 10.0.0.9", "0 127", "rtpmap:127 telephone-event/8000"))
                .telephoneEvent());
        assertThrows(IllegalArgumentException.class,
                () -> Sdp.parse(sdp("IN IP4 10.0.0.9", "130", "rtpmap:130 PCMU/8000")));
    }

    @Test
    void mediaMayNotPointAtTheTerminalOrLoopbackFromAfar() throws Exception {
        InetAddress far = InetAddress.getByName("192.0.2.7");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        SdpMedia atLoopback = Sdp.parse(sdp("IN IP4 127.0.0.1", "0"));
        assertNotNull(Sdp.refuseTarget(atLoopback, far, 5060, 16384), "loopback from a remote peer");
        assertNull(Sdp.refuseTarget(atLoopback, loopback, 5060, 16384), "a peer on loopback itself");
        SdpMedia atSipPort = Sdp.parse(sdp("IN IP4 127.0.0.1", "0").replace("40000", "5060"));
        assertNotNull(Sdp.refuseTarget(atSipPort, loopback, 5060, 16384), "our own SIP port");
        SdpMedia atRtpPort = Sdp.parse(sdp("IN IP4 127.0.0.1", "0").replace("40000", "16384"));
        assertNotNull(Sdp.refuseTarget(atRtpPort, loopback, 5060, 16384), "our own RTP port");
        assertNull(Sdp.refuseTarget(Sdp.parse(sdp("IN IP4 0.0.0.0", "0")), far, 5060, 16384), "hold");
        assertNull(Sdp.refuseTarget(Sdp.parse(sdp("IN IP4 192.0.2.8", "0")), far, 5060, 16384));
    }
}
