package org.hallphone.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incoming calls ("call-backs"): a representative calling a patient back. {@link Admission} decides who may ring
 * the terminal (180) before a transaction exists; everyone else got a stateless 403 there. The flow answers (200
 * with the SDP answer, RFC 3264 §6) or gives up (480); the caller may cancel (200 + 487). SIP thread only.
 */
final class IncomingCalls {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingCalls.class);
    /** An answered call-back whose ACK never comes is ended after this long (64·T1, RFC 3261 §13.3.1.4). */
    static final long ACK_TIMEOUT_MS = 32_000;
    /** Ids for incoming calls are negative so that they never clash with the flow's (positive) attempt ids. */
    private static final AtomicLong INCOMING_IDS = new AtomicLong();

    private final CallContext c;
    private final MediaRange mediaRange;
    private long sdpVersion = 1;

    IncomingCalls(CallContext context) {
        this.c = context;
        this.mediaRange = MediaRange.of(context.config().rtp().mediaAllow());
    }

    /**
     * A new INVITE (no To tag, unknown Call-ID) that {@link Admission} let through: its source is in
     * {@code sip.allow-incoming-from} and it proved itself (registered Contact over UDP, or TCP/TLS).
     */
    void onInvite(RequestEvent event) {
        Request invite = event.getRequest();
        InetAddress source = SourceCheck.sourceOf(invite);
        ServerTransaction tx = c.responder().serverTransaction(event);
        if (tx == null) {
            return;
        }
        if (c.legs().busy()) {
            c.responder().respond(tx, invite, Response.BUSY_HERE, null, null);
            LOG.info("incoming INVITE from {} refused with 486: a call is under way", source);
            return;
        }
        SdpMedia offer;
        SdpCrypto.Agreement agreed;
        try {
            offer = Sdp.parse(CallMessages.body(invite));
            String refused = Sdp.refuseTarget(offer, source, c.endpoint().port(), 0); // review F14
            if (refused != null) {
                throw new IllegalArgumentException(refused);
            }
            InetAddress mediaTarget = offer.remote().getAddress();
            if (!mediaRange.allows(mediaTarget, source)) {
                // the patient's voice goes only where the signalling came from or into sip.media-allow
                throw new IllegalArgumentException("its SDP sends media to " + mediaTarget.getHostAddress()
                        + ", neither the signalling address nor in sip.media-allow");
            }
            agreed = SdpCrypto.answer(offer, c.config().rtp().srtp(), null);
        } catch (IllegalArgumentException | SdpCrypto.Refused e) {
            // honest media: never ring for a call the terminal could not or must not carry; the call log says why
            LOG.warn("incoming INVITE from {} refused with 488: {}", source, e.getMessage());
            c.responder().respond(tx, invite, Response.NOT_ACCEPTABLE_HERE, null, null);
            String caller = CallerUri.of(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress());
            c.events().accept(new CallEvent.IncomingRefused(caller, Response.NOT_ACCEPTABLE_HERE, e.getMessage()));
            return;
        }
        long id = -INCOMING_IDS.incrementAndGet();
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        CallLeg leg = CallLeg.incoming(id, callId, invite, tx, offer, agreed, Requests.newTag(), source);
        c.legs().add(leg);
        c.responder().respond(tx, invite, Response.RINGING, null, leg.toTag());
        // the validated URI only: the display name is the caller's free text (F8)
        String caller = CallerUri.of(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress());
        LOG.info("call-back {} from {} ({}): ringing", id, caller, source);
        c.events().accept(new CallEvent.IncomingCall(id, caller));
    }

    /**
     * The flow answers: 200 with our SDP answer. Media starts, and the call counts as answered, only when the ACK
     * with our To tag arrives (RFC 3261 §13.3.1.4): before that nothing is sent to the offer's address.
     */
    void answer(CallLeg leg) {
        if (!leg.incoming() || !leg.is(CallLeg.Stage.RINGING_IN)) {
            return;
        }
        long id = leg.attemptId();
        try {
            leg.attach(c.mediaSessions().open(c.localAddress()));
            leg.media().setDtmfListener(digit -> c.events().accept(new CallEvent.DtmfReceived(id, digit)));
            SdpCrypto.Agreement agreed = leg.agreement();
            String sdp = Sdp.answer(Sdp.advertised(leg.media().localAddress(), c.localAddress()),
                    System.currentTimeMillis(), sdpVersion++, leg.remoteOffer(), agreed.profile(),
                    agreed.attributes());
            c.responder().respond(leg.incomingTx(), leg.invite(), Response.OK, sdp, leg.toTag());
            leg.answeredIncoming(leg.incomingTx().getDialog(),
                    c.thread().schedule(() -> ackMissing(leg), ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            LOG.info("call-back {}: answered ({}); media starts with the ACK", id, agreed);
        } catch (IOException | RuntimeException e) {
            LOG.warn("call-back {}: cannot answer: {}", id, e.toString());
            c.responder().respond(leg.incomingTx(), leg.invite(), Response.SERVER_INTERNAL_ERROR, null, leg.toTag());
            c.events().accept(new CallEvent.RemoteHungUp(id, "cannot answer: " + e.getMessage()));
            c.legs().finish(leg);
        }
    }

    /** Nobody answered (or the terminal is stopping): 480 Temporarily Unavailable. */
    void reject(CallLeg leg) {
        LOG.info("call-back {}: not answered, rejecting with 480", leg.attemptId());
        c.responder().respond(leg.incomingTx(), leg.invite(), Response.TEMPORARILY_UNAVAILABLE, null, leg.toTag());
        c.legs().finish(leg);
    }

    /** The ACK for our 200 with the dialog's tags: the call is set up and media starts. */
    void onAck(CallLeg leg, Request ack) {
        if (leg == null || !leg.awaitingAck()) {
            return;
        }
        if (!sameDialog(leg, ack)) {
            LOG.warn("call-back {}: ACK from {} with other tags ignored", leg.attemptId(), SourceCheck.sourceOf(ack));
            return;
        }
        leg.acked();
        try {
            leg.startMedia(leg.remoteOffer().farEnd(SourceCheck.sourceOf(leg.invite())), leg.agreement());
        } catch (RuntimeException e) {
            LOG.warn("call-back {}: media cannot start: {}", leg.attemptId(), e.toString());
        }
        leg.expectRtpFromNow(leg.remoteOffer());
        leg.watchRtp(c.config().rtp().inactivity(), c.thread(), c.events());
        c.events().accept(new CallEvent.AttemptAnswered(leg.attemptId(), leg.agreement().media()));
    }

    /** The ACK carries our To tag and the INVITE's From tag (RFC 3261 §12.2.2: the dialog it belongs to). */
    private static boolean sameDialog(CallLeg leg, Request ack) {
        ToHeader to = (ToHeader) ack.getHeader(ToHeader.NAME);
        FromHeader from = (FromHeader) ack.getHeader(FromHeader.NAME);
        FromHeader inviteFrom = (FromHeader) leg.invite().getHeader(FromHeader.NAME);
        return to != null && from != null && inviteFrom != null && leg.toTag().equals(to.getTag())
                && inviteFrom.getTag() != null && inviteFrom.getTag().equals(from.getTag());
    }

    /** The caller gave up while the terminal rang (RFC 3261 §9.2). */
    void onCancel(CallLeg leg, RequestEvent event) {
        Request cancel = event.getRequest();
        if (leg == null || !leg.incoming() || !leg.is(CallLeg.Stage.RINGING_IN)) {
            c.responder().respond(event.getServerTransaction(), cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
                    null, null);
            return;
        }
        c.responder().respond(event.getServerTransaction(), cancel, Response.OK, null, leg.toTag());
        c.responder().respond(leg.incomingTx(), leg.invite(), Response.REQUEST_TERMINATED, null, leg.toTag());
        LOG.info("call-back {}: cancelled by the caller", leg.attemptId());
        c.events().accept(new CallEvent.RemoteHungUp(leg.attemptId(), "caller cancelled"));
        c.legs().finish(leg);
    }

    private void ackMissing(CallLeg leg) {
        if (leg.awaitingAck()) {
            LOG.warn("call-back {}: no ACK for our 200; hanging up", leg.attemptId());
            DialogRequests.bye(c.endpoint(), leg.attemptId(), leg.dialog());
            c.events().accept(new CallEvent.RemoteHungUp(leg.attemptId(), "no ACK"));
            c.legs().finish(leg);
        }
    }
}
