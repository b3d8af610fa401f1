package org.hallphone.sip;

import java.net.InetSocketAddress;
import org.hallphone.media.Codec;

/**
 * The far end's audio stream as its SDP describes it (RFC 4566), reduced to what the terminal uses.
 *
 * @param remote         where to send RTP (connection address and m= port)
 * @param codec          the first G.711 codec in the far end's format list
 * @param telephoneEvent the far end's RFC 4733 payload type, or -1 when it offers none
 */
record SdpMedia(InetSocketAddress remote, Codec codec, int telephoneEvent) {
}
