package org.hallphone.sip;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.hallphone.media.FarEnd;
import org.hallphone.media.MediaSession;
import org.hallphone.media.PacketTransform;

/** One attempt (outgoing) or one call-back (incoming) and its SIP and media state. Confined to the SIP thread. */
final class CallLeg {

    enum Stage {
        /** INVITE sent, nothing heard yet. */
        CALLING,
        /** A provisional response (1xx) arrived: CANCEL is allowed now (RFC 3261 §9.1). */
        PROCEEDING,
        /** Incoming INVITE announced, 180 sent, waiting for {@code answer} or hang-up. */
        RINGING_IN,
        /** 2xx sent or received: a confirmed dialog with media. */
        ANSWERED,
        /** Over; kept only until the INVITE transaction finishes so that a late 2xx is still ACKed and ended. */
        ENDED
    }

    final long attemptId;
    final boolean incoming;
    final String callId;
    Stage stage;
    Request invite;
    ClientTransaction inviteTx;
    ServerTransaction incomingTx;
    Dialog dialog;
    MediaSession media;
    SdpMedia remoteOffer;
    /** Outgoing: our SDP offer with its SRTP keys, to match the answer against. */
    SdpCrypto.Offer offer;
    /** The media agreement in force (plain or SRTP with both keys); null before one. */
    SdpCrypto.Agreement agreement;
    /** The packet transform the media session uses now (kept across SDPs that repeat the same keys). */
    PacketTransform transform = PacketTransform.IDENTITY;
    /** Our To tag on an incoming INVITE's responses. */
    String toTag;
    /** Addresses in-dialog requests may come from: the far end's and the 2xx's source (RFC 3261 §12.2.2). */
    List<InetAddress> peers = List.of();
    ScheduledFuture<?> rtpWatch;
    ScheduledFuture<?> ackWatch;
    /** Ends the leg when the INVITE gets no final response after our CANCEL (64·T1). */
    ScheduledFuture<?> cancelWatch;
    int authTries;
    int staleTries;
    boolean hangUpRequested;
    boolean cancelSent;
    boolean mediaTimeoutReported;
    /** The far end holds the call (sendonly, recvonly, inactive, c=0.0.0.0): silence is no sign of death. */
    boolean farEndSilentByDesign;
    /** When RTP was last expected to start (answer, or the end of a hold), System.nanoTime(). */
    long rtpExpectedSinceNanos = System.nanoTime();

    CallLeg(long attemptId, boolean incoming, String callId, Stage stage) {
        this.attemptId = attemptId;
        this.incoming = incoming;
        this.callId = callId;
        this.stage = stage;
    }

    /** Notes what the far end's latest SDP says about its sending (answer, re-INVITE: hold or resume). */
    void expectRtp(SdpMedia far) {
        boolean silent = far.onHold();
        if (farEndSilentByDesign && !silent) {
            rtpExpectedSinceNanos = System.nanoTime(); // resumed: give the far end the whole time-out again
        }
        farEndSilentByDesign = silent;
    }

    /** Starts (or re-targets) the media under {@code agreed}: plain RTP or SRTP with its keys. */
    void startMedia(FarEnd far, SdpCrypto.Agreement agreed) {
        agreement = agreed;
        transform = agreed.transform(transform);
        media.setPacketTransform(transform);
        media.start(far);
    }

    /** Stops media and timers; idempotent. */
    void release() {
        if (rtpWatch != null) {
            rtpWatch.cancel(false);
            rtpWatch = null;
        }
        if (ackWatch != null) {
            ackWatch.cancel(false);
            ackWatch = null;
        }
        if (cancelWatch != null) {
            cancelWatch.cancel(false);
            cancelWatch = null;
        }
        if (media != null) {
            media.close();
            media = null;
        }
    }
}
