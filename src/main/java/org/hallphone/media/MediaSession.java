package org.hallphone.media;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * One call's RTP stream: a bound UDP socket that the SIP side advertises in its SDP, then sends the patient's
 * microphone to the far end and plays what arrives in the earpiece. Thread-safe; never blocks on the device.
 */
public interface MediaSession extends AutoCloseable {

    /** The local RTP address and port (RTCP would be port + 1), bound when the session was opened. */
    InetSocketAddress localAddress();

    /**
     * Starts (or re-targets, e.g. from a 183's SDP to the 200's) sending to {@code remote} and playing what
     * arrives.
     *
     * @param telephoneEventPayloadType the negotiated RFC 4733 payload type, or -1 when the far end has none
     */
    void start(InetSocketAddress remote, Codec codec, int telephoneEventPayloadType);

    /**
     * As {@link #start(InetSocketAddress, Codec, int)}, with every packet passed through {@code transform} (SRTP
     * keys negotiated in SDP); {@link PacketTransform#PLAIN} is plain RTP. A session that cannot transform refuses
     * anything but plain, so that a call never goes out unprotected by mistake.
     */
    default void start(InetSocketAddress remote, Codec codec, int telephoneEventPayloadType,
                       PacketTransform transform) {
        if (transform != PacketTransform.PLAIN) {
            throw new UnsupportedOperationException("this media session carries plain RTP only");
        }
        start(remote, codec, telephoneEventPayloadType);
    }

    /** Sends an RFC 4733 event for the digit; ignored before {@link #start} or without telephone-event. */
    void sendDtmf(char digit);

    /** Receives each RFC 4733 digit once (on the end of the event); called on a media thread. */
    void setDtmfListener(Consumer<Character> listener);

    /** Milliseconds since the last RTP packet arrived (since {@link #start} when none has arrived yet). */
    long millisSinceLastPacket();

    /** Quality figures so far. */
    MediaStats stats();

    /** Stops sending and playing and releases the socket. Idempotent. */
    @Override
    void close();
}
