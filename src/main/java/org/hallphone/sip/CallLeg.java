package org.hallphone.sip;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import org.hallphone.call.CallEvent;
import org.hallphone.media.FarEnd;
import org.hallphone.media.MediaSession;
import org.hallphone.media.PacketTransform;

/**
 * One attempt (outgoing) or one call-back (incoming): its stage, its SIP transaction and dialog, its media and the
 * timers that watch it. The leg moves itself between stages (an impossible move is a bug and throws) and releases
 * what it holds; {@link OutgoingCalls}, {@link IncomingCalls}, {@link CallDialogs} and {@link LegTable} ask it.
 * Confined to the SIP thread.
 */
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
        ENDED;

        /** The moves a leg can make; a challenge sends an outgoing leg back to CALLING with a new INVITE. */
        boolean leadsTo(Stage next) {
            return switch (this) {
                case CALLING, PROCEEDING -> next != RINGING_IN;
                case RINGING_IN -> next == ANSWERED || next == ENDED;
                case ANSWERED, ENDED -> next == ENDED;
            };
        }
    }

    private final long attemptId;
    private final boolean incoming;
    private final String callId;
    private Stage stage;
    private Request invite;
    private ClientTransaction inviteTx;
    private final ServerTransaction incomingTx;
    private Dialog dialog;
    private MediaSession media;
    private final SdpMedia remoteOffer;
    /** Outgoing: our SDP offer with its SRTP keys, to match the answer against. */
    private final SdpCrypto.Offer offer;
    /** The media agreement in force (plain or SRTP with both keys); null before one. */
    private SdpCrypto.Agreement agreement;
    /** The packet transform the media session uses now (kept across SDPs that repeat the same keys). */
    private PacketTransform transform = PacketTransform.IDENTITY;
    /** Our To tag on an incoming INVITE's responses. */
    private final String toTag;
    /** Addresses in-dialog requests may come from: the far end's and the 2xx's source (RFC 3261 §12.2.2). */
    private List<InetAddress> peers = List.of();
    private ScheduledFuture<?> rtpWatch;
    private ScheduledFuture<?> ackWatch;
    /** Ends the leg when the INVITE gets no final response after our CANCEL (64·T1). */
    private ScheduledFuture<?> cancelWatch;
    private final AuthTries authTries = new AuthTries();
    private boolean hangUpRequested;
    private boolean cancelSent;
    private boolean mediaTimeoutReported;
    /** The far end holds the call (sendonly, recvonly, inactive, c=0.0.0.0): silence is no sign of death. */
    private boolean farEndSilentByDesign;
    /** When RTP was last expected to start (answer, or the end of a hold), System.nanoTime(). */
    private long rtpExpectedSinceNanos = System.nanoTime();

    private CallLeg(long attemptId, boolean incoming, String callId, Stage stage, Request invite,
                    ServerTransaction incomingTx, SdpMedia remoteOffer, SdpCrypto.Offer offer,
                    SdpCrypto.Agreement agreement, String toTag) {
        this.attemptId = attemptId;
        this.incoming = incoming;
        this.callId = callId;
        this.stage = stage;
        this.invite = invite;
        this.incomingTx = incomingTx;
        this.remoteOffer = remoteOffer;
        this.offer = offer;
        this.agreement = agreement;
        this.toTag = toTag;
    }

    /** An outgoing attempt about to send {@code invite} carrying {@code offer}, with its media opened. */
    static CallLeg outgoing(long attemptId, String callId, Request invite, MediaSession media, SdpCrypto.Offer offer) {
        CallLeg leg = new CallLeg(attemptId, false, callId, Stage.CALLING, invite, null, null, offer, null, null);
        leg.media = media;
        return leg;
    }

    /**
     * A call-back ringing the terminal: its INVITE and server transaction, the far end's offer and our agreement to
     * it, our To tag, and the address the INVITE came from (the only peer until there is a dialog).
     */
    static CallLeg incoming(long id, String callId, Request invite, ServerTransaction tx, SdpMedia remoteOffer,
                            SdpCrypto.Agreement agreed, String toTag, InetAddress source) {
        CallLeg leg = new CallLeg(id, true, callId, Stage.RINGING_IN, invite, tx, remoteOffer, null, agreed, toTag);
        leg.peers = List.of(source);
        return leg;
    }

    // ---- what the leg is ------------------------------------------------------------------------------------

    long attemptId() {
        return attemptId;
    }

    boolean incoming() {
        return incoming;
    }

    String callId() {
        return callId;
    }

    Stage stage() {
        return stage;
    }

    boolean is(Stage s) {
        return stage == s;
    }

    /** The INVITE in force: the first one, or the one that answered a challenge. */
    Request invite() {
        return invite;
    }

    /** Outgoing: the transaction of the INVITE in force (null before it was sent). */
    ClientTransaction inviteTx() {
        return inviteTx;
    }

    /** Incoming: the INVITE's server transaction. */
    ServerTransaction incomingTx() {
        return incomingTx;
    }

    Dialog dialog() {
        return dialog;
    }

    /** The media session, or null when there is none (not opened yet, or released). */
    MediaSession media() {
        return media;
    }

    /** Incoming: the far end's SDP offer. */
    SdpMedia remoteOffer() {
        return remoteOffer;
    }

    /** Outgoing: our SDP offer. */
    SdpCrypto.Offer offer() {
        return offer;
    }

    SdpCrypto.Agreement agreement() {
        return agreement;
    }

    String toTag() {
        return toTag;
    }

    /** Our local RTP port, 0 without media (an SDP must not point at it, review F14). */
    int rtpPort() {
        return media == null ? 0 : media.localAddress().getPort();
    }

    /** True when {@code source} is the far end of this call (its contact or the 2xx's source). */
    boolean knowsPeer(InetAddress source) {
        return peers.contains(source);
    }

    AuthTries authTries() {
        return authTries;
    }

    // ---- stages ---------------------------------------------------------------------------------------------

    private void moveTo(Stage next) {
        if (!stage.leadsTo(next)) {
            throw new IllegalStateException("call " + attemptId + ": no move from " + stage + " to " + next);
        }
        stage = next;
    }

    /** Outgoing: the INVITE in force went out on {@code tx}. */
    void sent(ClientTransaction tx) {
        inviteTx = tx;
        dialog = tx.getDialog();
    }

    /** Outgoing: a 1xx arrived; CANCEL is allowed from now on. */
    void proceeding() {
        if (stage == Stage.CALLING) {
            moveTo(Stage.PROCEEDING);
        }
    }

    /** Outgoing: {@code next} answers a challenge and replaces the INVITE; nothing is heard about it yet. */
    void resend(Request next) {
        invite = next;
        moveTo(Stage.CALLING);
    }

    /** Outgoing: the 2xx's dialog and the addresses in-dialog requests may come from. */
    void confirmed(Dialog confirmed, List<InetAddress> farEnd) {
        dialog = confirmed;
        peers = farEnd;
    }

    /** Outgoing: the answer {@code far} was agreed to; media runs to it from now on. */
    void answered(FarEnd to, SdpMedia far, SdpCrypto.Agreement agreed) {
        startMedia(to, agreed);
        expectRtpFromNow(far);
        moveTo(Stage.ANSWERED);
    }

    /**
     * Incoming: our 200 went out with {@code media}'s address; the call counts as answered, media starts with the
     * ACK that {@code ackWatch} waits for.
     */
    void answeredIncoming(Dialog confirmed, ScheduledFuture<?> ackWatchdog) {
        moveTo(Stage.ANSWERED);
        dialog = confirmed;
        ackWatch = ackWatchdog;
    }

    /** Incoming: the media session our answer will advertise (released with the leg). */
    void attach(MediaSession session) {
        media = session;
    }

    /** Incoming: true while our 200 waits for its ACK. */
    boolean awaitingAck() {
        return incoming && stage == Stage.ANSWERED && ackWatch != null;
    }

    /** Incoming: the ACK came; its watchdog is stopped. */
    void acked() {
        cancel(ackWatch);
        ackWatch = null;
    }

    /** Over: media and timers released, the stage ENDED. Idempotent. */
    void end() {
        release();
        moveTo(Stage.ENDED);
    }

    /**
     * True when this outgoing leg's INVITE transaction may still deliver a 2xx (one that crossed our CANCEL), which
     * must then be ACKed and ended with BYE.
     */
    boolean mayStillBeAnswered() {
        TransactionState state = inviteTx == null ? null : inviteTx.getState();
        return !incoming && state != null && state != TransactionState.TERMINATED
                && state != TransactionState.COMPLETED;
    }

    // ---- hang-up and cancel ---------------------------------------------------------------------------------

    /** The flow hung up; false when it already had. */
    boolean requestHangUp() {
        if (hangUpRequested) {
            return false;
        }
        hangUpRequested = true;
        return true;
    }

    boolean hangUpRequested() {
        return hangUpRequested;
    }

    /** True the first time a CANCEL may go out (an INVITE was sent and no CANCEL yet); counts it as sent. */
    boolean cancelOnce() {
        if (cancelSent || inviteTx == null) {
            return false;
        }
        cancelSent = true;
        return true;
    }

    /** The timer that ends the leg when the INVITE gets no final response after our CANCEL. */
    void watchCancel(ScheduledFuture<?> watch) {
        cancelWatch = watch;
    }

    // ---- media ----------------------------------------------------------------------------------------------

    /** Starts (or re-targets) the media under {@code agreed}: plain RTP or SRTP with its keys. */
    void startMedia(FarEnd far, SdpCrypto.Agreement agreed) {
        agreement = agreed;
        transform = agreed.transform(transform);
        media.setPacketTransform(transform);
        media.start(far);
    }

    /** Sends a DTMF digit when the call is answered and has media; otherwise does nothing. */
    void sendDtmf(char digit) {
        if (media != null && stage == Stage.ANSWERED) {
            media.sendDtmf(digit);
        }
    }

    /** Notes what the far end's latest SDP says about its sending (answer, re-INVITE: hold or resume). */
    void expectRtp(SdpMedia far) {
        boolean silent = far.onHold();
        if (farEndSilentByDesign && !silent) {
            rtpExpectedSinceNanos = System.nanoTime(); // resumed: give the far end the whole time-out again
        }
        farEndSilentByDesign = silent;
    }

    /** As {@link #expectRtp} when the call has just been set up: the time-out starts now. */
    void expectRtpFromNow(SdpMedia far) {
        rtpExpectedSinceNanos = System.nanoTime();
        expectRtp(far);
    }

    /** Starts the RTP watch once (see {@link RtpWatch}); a zero limit turns it off. */
    void watchRtp(Duration limit, ScheduledExecutorService thread, Consumer<CallEvent> events) {
        if (rtpWatch == null) {
            rtpWatch = RtpWatch.start(this, limit, thread, events);
        }
    }

    /**
     * True once, when an answered call that is not on hold has had no RTP for {@code limitMs} since media was
     * expected: the caller reports it dead.
     */
    boolean rtpMissingFor(long limitMs) {
        if (media == null || mediaTimeoutReported || stage != Stage.ANSWERED || farEndSilentByDesign) {
            return false; // on hold the far end sends nothing on purpose (RFC 3264 §8.4)
        }
        long sinceExpected = (System.nanoTime() - rtpExpectedSinceNanos) / 1_000_000;
        if (Math.min(media.millisSinceLastPacket(), sinceExpected) < limitMs) {
            return false;
        }
        mediaTimeoutReported = true;
        return true;
    }

    /** Stops media and timers; idempotent. The stage stays (see {@link #end()}). */
    void release() {
        cancel(rtpWatch);
        rtpWatch = null;
        cancel(ackWatch);
        ackWatch = null;
        cancel(cancelWatch);
        cancelWatch = null;
        if (media != null) {
            media.close();
            media = null;
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
