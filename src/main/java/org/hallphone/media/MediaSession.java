package org.hallphone.media;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.hallphone.call.MediaStats;

/**
 * One call's RTP stream: a bound UDP socket that the SIP side advertises in its SDP, then sends the patient's
 * microphone to the far end and plays what arrives in the earpiece. Thread-safe; never blocks on the device.
 */
public interface MediaSession extends AutoCloseable {

    /** The local RTP address and port (RTCP on port + 1 unless muxed), bound when the session was opened. */
    InetSocketAddress localAddress();

    /**
     * Starts (or re-targets, e.g. from a 183's SDP to the 200's, or after a re-INVITE) sending to the far end and
     * playing what arrives. Media is strict: only valid RTP from the SDP's address, or from another port of the SDP's
     * or the signalling peer's host that sent a run of good packets early in the call, is played and answered;
     * a target that did not change (a 200 repeating the 183's SDP) changes nothing.
     */
    void start(FarEnd far);

    /** As {@link #start(FarEnd)} for a far end known only by its SDP address. */
    default void start(InetSocketAddress remote, Codec codec, int telephoneEventPayloadType) {
        start(FarEnd.of(remote, codec, telephoneEventPayloadType));
    }

    /**
     * Puts {@code transform} (SRTP, say) between this session's packets and its sockets, for RTP and RTCP both
     * ways; {@link PacketTransform#IDENTITY} until called. Set it before {@link #start}, and again before a
     * re-target when the keys changed (a re-INVITE); the switch is atomic, packet by packet.
     */
    void setPacketTransform(PacketTransform transform);

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
