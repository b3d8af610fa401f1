package org.hallphone.media;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRTP and SRTCP for one call (RFC 3711; AEAD_AES_128_GCM by RFC 7714): our master key protects what we send, the
 * far end's what we receive. Every packet that fails is dropped (null) and counted by its reason; the first of each
 * kind is logged, never with key material. SRTCP goes out with the suite's RFC 3711 tag (80 bits for the _32 suite
 * too) and is accepted with either that or, as baresip's libre sends it, the 32-bit one.
 */
public final class SrtpTransform implements PacketTransform {

    private static final Logger LOG = LoggerFactory.getLogger(SrtpTransform.class);

    private final SrtpPolicy send;
    private final SrtpPolicy receive;
    private final SrtpContext outbound;
    private final SrtpContext inbound;
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    private SrtpTransform(SrtpPolicy send, SrtpPolicy receive) {
        this.send = send;
        this.receive = receive;
        this.outbound = SrtpContext.derive(send);
        this.inbound = SrtpContext.derive(receive);
    }

    /**
     * @param send    our key (the one our SDP announced): protects what the terminal sends
     * @param receive the far end's key (from its SDP): checks and decrypts what arrives
     */
    public static SrtpTransform of(SrtpPolicy send, SrtpPolicy receive) {
        return new SrtpTransform(send, receive);
    }

    /** The keys this transform was made from (to keep it when a new SDP repeats them). */
    public boolean uses(SrtpPolicy send, SrtpPolicy receive) {
        return this.send.equals(send) && this.receive.equals(receive);
    }

    @Override
    public byte[] protectRtp(byte[] packet) {
        try {
            return outbound.protectRtp(packet, packet.length);
        } catch (SrtpContext.Dropped d) {
            throw new IllegalArgumentException("not an RTP packet to protect: " + d.reason);
        }
    }

    @Override
    public byte[] unprotectRtp(byte[] packet) {
        try {
            return inbound.unprotectRtp(packet, packet.length);
        } catch (SrtpContext.Dropped d) {
            count(d.reason, "SRTP");
            return null;
        }
    }

    @Override
    public byte[] protectRtcp(byte[] packet) {
        try {
            return outbound.protectRtcp(packet, packet.length);
        } catch (SrtpContext.Dropped d) {
            throw new IllegalArgumentException("not an RTCP packet to protect: " + d.reason);
        }
    }

    @Override
    public byte[] unprotectRtcp(byte[] packet) {
        try {
            return inbound.unprotectRtcp(packet, packet.length);
        } catch (SrtpContext.Dropped d) {
            count(d.reason, "SRTCP");
            return null;
        }
    }

    /** Received packets dropped as replays (RFC 3711 §3.3.2). */
    public long replayed() {
        return replayed.get();
    }

    /** Received packets dropped because their authentication tag did not verify (tampered or forged). */
    public long unauthenticated() {
        return unauthenticated.get();
    }

    /** Received datagrams too short or not RTP/RTCP at all. */
    public long malformed() {
        return malformed.get();
    }

    private void count(SrtpContext.Drop reason, String what) {
        AtomicLong counter = switch (reason) {
            case REPLAYED -> replayed;
            case AUTHENTICATION -> unauthenticated;
            case MALFORMED -> malformed;
        };
        if (counter.incrementAndGet() == 1) {
            LOG.warn("{} packet dropped: {} (further ones are only counted)", what, switch (reason) {
                case REPLAYED -> "replayed or too old";
                case AUTHENTICATION -> "authentication failed (tampered, forged or wrong key)";
                case MALFORMED -> "malformed";
            });
        }
    }

    @Override
    public String toString() {
        return "SRTP " + send.suite().sdesName() + " out, " + receive.suite().sdesName() + " in";
    }
}
