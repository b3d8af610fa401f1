package org.hallphone.sip;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.hallphone.media.Codec;
import org.hallphone.media.FarEnd;

/**
 * The far end's audio stream as its SDP describes it (RFC 4566), reduced to what the terminal uses.
 *
 * @param remote         where to send RTP (connection address and m= port)
 * @param codec          the first G.711 codec in the far end's format list
 * @param telephoneEvent the far end's RFC 4733 payload type, or -1 when it offers none
 * @param direction      the far end's direction attribute (RFC 3264 §5.1); {@code 0.0.0.0} hold counts as inactive
 * @param rtcpMux        the audio stream carries {@code a=rtcp-mux} (RFC 5761 §5.1.1)
 * @param profile        the m= line's transport protocol, such as {@code RTP/AVP} or {@code RTP/SAVP}
 * @param crypto         the values of the audio stream's {@code a=crypto} attributes (RFC 4568), in order
 */
record SdpMedia(InetSocketAddress remote, Codec codec, int telephoneEvent, Direction direction, boolean rtcpMux,
                String profile, List<String> crypto) {

    SdpMedia {
        crypto = List.copyOf(crypto);
    }

    /** A plain RTP/AVP stream without rtcp-mux and without keys. */
    SdpMedia(InetSocketAddress remote, Codec codec, int telephoneEvent, Direction direction) {
        this(remote, codec, telephoneEvent, direction, false, "RTP/AVP", List.of());
    }

    /** What media needs of the far end: this SDP and where the SIP message that carried it came from. */
    FarEnd farEnd(InetAddress signallingPeer) {
        return new FarEnd(remote, signallingPeer, codec, telephoneEvent, rtcpMux);
    }

    /** Never the keys: an SdpMedia may end up in a log line. */
    @Override
    public String toString() {
        return "SdpMedia[" + remote + ' ' + profile + ' ' + codec + " te=" + telephoneEvent + ' ' + direction
                + (rtcpMux ? " rtcp-mux" : "")
                + (crypto.isEmpty() ? "" : " with " + crypto.size() + " crypto line(s)") + ']';
    }

    /** True when the far end will send RTP: not on hold (RFC 3264 §8.4). */
    boolean farEndSends() {
        return direction == Direction.SENDRECV || direction == Direction.SENDONLY;
    }

    /**
     * True when this is a hold in any form (RFC 3264 §8.4): a far end that holds with sendonly may send music or
     * nothing at all, so silence then proves nothing.
     */
    boolean onHold() {
        return direction != Direction.SENDRECV;
    }

    enum Direction {
        SENDRECV, SENDONLY, RECVONLY, INACTIVE;

        /** Our direction in an answer to an offer with this one (RFC 3264 §6.1). */
        Direction answer() {
            return switch (this) {
                case SENDONLY -> RECVONLY;
                case RECVONLY -> SENDONLY;
                default -> this;
            };
        }

        String attribute() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
