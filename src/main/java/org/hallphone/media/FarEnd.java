package org.hallphone.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The far end of one call's media, as the SIP side learnt it: where its SDP says to send RTP, where its signalling
 * came from, and what was negotiated. Media is accepted only from these two hosts (see {@link MediaSession#start}).
 *
 * @param rtp                       the SDP's connection address and audio port
 * @param signallingPeer            the source address of the SIP message that carried the SDP (the far end, or
 *                                  the proxy in front of it); null when unknown
 * @param codec                     the negotiated G.711 codec
 * @param telephoneEventPayloadType the negotiated RFC 4733 payload type, or -1 when the far end has none
 * @param rtcpMux                   both sides agreed on {@code a=rtcp-mux} (RFC 5761): RTCP shares the RTP port
 */
public record FarEnd(InetSocketAddress rtp, InetAddress signallingPeer, Codec codec, int telephoneEventPayloadType,
                     boolean rtcpMux) {

    public FarEnd {
        Objects.requireNonNull(rtp, "remote RTP address");
        Objects.requireNonNull(codec, "codec");
        if (rtp.isUnresolved()) {
            throw new IllegalArgumentException("remote RTP address is not resolved: " + rtp);
        }
    }

    /** A far end known only by its SDP (no signalling peer, RTCP on the RTP port + 1). */
    public static FarEnd of(InetSocketAddress rtp, Codec codec, int telephoneEventPayloadType) {
        return new FarEnd(rtp, null, codec, telephoneEventPayloadType, false);
    }
}
