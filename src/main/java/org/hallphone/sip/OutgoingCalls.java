package org.hallphone.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallEvent.Failure;
import org.hallphone.media.MediaSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outgoing attempts: the INVITE with our SDP offer, its provisional and final
 * responses, the ACK for a 2xx (also for a late one that crossed our CANCEL, which is then ended with BYE), CANCEL,
 * answers to digest challenges and redirects to trusted domains. SIP thread only.
 */
final class OutgoingCalls {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingCalls.class);
    /** After CANCEL, how long to wait for the INVITE's final response before the leg is over (64·T1, §9.1). */
    static final long CANCEL_GIVE_UP_MS = 64 * 500L;

    private final CallContext c;
    private final Requests requests;
    private final DigestAuth auth;
    private final Resolver resolver;
    private final TrustedDomains trusted;
    private final long cancelGiveUpMs;
    private final LongSupplier sdpVersions;

    OutgoingCalls(CallContext context, Requests requests, DigestAuth auth, Resolver resolver, TrustedDomains trusted,
                  long cancelGiveUpMs, LongSupplier sdpVersions) {
        this.c = context;
        this.requests = requests;
        this.auth = auth;
        this.resolver = resolver;
        this.trusted = trusted;
        this.cancelGiveUpMs = cancelGiveUpMs;
        this.sdpVersions = sdpVersions;
    }

    // ---- commands -------------------------------------------------------------------------------------------

    /** Sends the INVITE (the first hop's address is known, see {@link FirstHops}). */
    void dial(long attemptId, String target, int attemptNo) {
        MediaSession media;
        try {
            media = c.mediaSessions().open(c.localAddress());
        } catch (IOException | RuntimeException e) {
            c.fail(attemptId, 0, Failure.NETWORK, "no RTP port: " + e.getMessage());
            return;
        }
        SdpCrypto.Offer offer;
        Request invite;
        try {
            offer = SdpCrypto.Offer.of(c.config().rtp().srtp());
            String sdp = Sdp.offer(Sdp.advertised(media.localAddress(), c.localAddress()), System.currentTimeMillis(),
                    sdpVersions.getAsLong(), offer.profile(), offer.attributes());
            invite = requests.invite(target, attemptNo, sdp);
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            media.close();
            c.fail(attemptId, 0, Failure.DECLINED, "bad target " + target + ": " + e.getMessage());
            return;
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        CallLeg leg = CallLeg.outgoing(attemptId, callId, invite, media, offer);
        media.setDtmfListener(digit -> c.events().accept(new CallEvent.DtmfReceived(attemptId, digit)));
        c.legs().add(leg);
        LOG.info("attempt {}: calling {} (attempt {} of this call)", attemptId, target, attemptNo);
        sendInvite(leg, invite);
    }

    /** The flow hung up before an answer: CANCEL now after a 1xx, else with the first 1xx (RFC 3261 §9.1). */
    void hangUpUnanswered(CallLeg leg) {
        if (leg.is(CallLeg.Stage.PROCEEDING)) {
            sendCancel(leg);
        } else {
            // CANCEL may only follow a provisional response; the media is not needed any more
            LOG.info("attempt {}: hang-up before any response; CANCEL follows the first 1xx", leg.attemptId());
            leg.release();
        }
    }

    void sendCancel(CallLeg leg) {
        if (!leg.cancelOnce()) {
            return;
        }
        try {
            // built from the (possibly authenticated) INVITE's own transaction (RFC 3261 §9.1)
            Request cancel = leg.inviteTx().createCancel();
            c.endpoint().provider().getNewClientTransaction(cancel).sendRequest();
            LOG.info("attempt {}: CANCEL sent", leg.attemptId());
        } catch (SipException | RuntimeException e) {
            LOG.warn("attempt {}: cannot send CANCEL: {}", leg.attemptId(), e.toString());
        }
        // RFC 3261 §9.1: without a final response 64·T1 after CANCEL the leg is over, or it would stay "under way"
        // for good and every call-back would get 486 (review F7)
        leg.watchCancel(c.thread().schedule(() -> cancelUnanswered(leg), cancelGiveUpMs, TimeUnit.MILLISECONDS));
    }

    // ---- responses to the INVITE ----------------------------------------------------------------------------

    void onInviteResponse(CallLeg leg, ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        ClientTransaction tx = event.getClientTransaction();
        if (status >= 200 && status < 300) {
            on2xx(leg, event);
        } else if (tx == null || tx != leg.inviteTx()) {
            return; // a stray or a response to the INVITE an authenticated one replaced
        } else if (status < 200) {
            onProvisional(leg, response);
        } else {
            onFailure(leg, response);
        }
    }

    private void onProvisional(CallLeg leg, Response response) {
        leg.proceeding();
        if (leg.hangUpRequested()) {
            sendCancel(leg);
            return;
        }
        int status = response.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        boolean earlyMedia = false;
        if (CallMessages.hasSdp(response)) {
            try {
                SdpMedia far = Sdp.parse(CallMessages.body(response));
                String refused = refuseTarget(far, response, leg);
                if (refused != null) {
                    throw new IllegalArgumentException(refused);
                }
                leg.startMedia(far.farEnd(SourceCheck.sourceOf(response)), SdpCrypto.accept(leg.offer(), far));
                earlyMedia = true;
            } catch (IllegalArgumentException | SdpCrypto.Refused e) {
                LOG.warn("attempt {}: early media SDP ignored: {}", leg.attemptId(), e.getMessage());
            }
        }
        c.events().accept(new CallEvent.AttemptRinging(leg.attemptId(), status, earlyMedia));
    }

    /** Every 2xx is ACKed; then it answers the attempt, or it came too late and the call it made is ended. */
    private void on2xx(CallLeg leg, ResponseEvent event) {
        Response response = event.getResponse();
        Dialog dialog = event.getDialog() != null ? event.getDialog() : leg.dialog();
        if (leg.is(CallLeg.Stage.ANSWERED) && dialog != null && dialog.equals(leg.dialog())) {
            return; // retransmission; the stack repeats our ACK
        }
        ack(leg, dialog, response);
        if (leg.is(CallLeg.Stage.ANSWERED) || leg.is(CallLeg.Stage.ENDED) || leg.hangUpRequested()) {
            onLate2xx(leg, dialog, response);
        } else {
            onAnswer(leg, dialog, response);
        }
    }

    private static void ack(CallLeg leg, Dialog dialog, Response response) {
        long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        try {
            dialog.sendAck(dialog.createAck(cseq));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.warn("attempt {}: cannot ACK the 2xx: {}", leg.attemptId(), e.toString());
        }
    }

    /** A 2xx that crossed our CANCEL, or a second fork: ACKed, then ended with BYE (RFC 3261 §9.1, §13.2.2.4). */
    private void onLate2xx(CallLeg leg, Dialog dialog, Response response) {
        LOG.info("attempt {}: answered after hang-up; sending BYE", leg.attemptId());
        DialogRequests.bye(c.endpoint(), leg.attemptId(), dialog);
        if (leg.is(CallLeg.Stage.ANSWERED)) {
            return; // a second fork: the call we have goes on
        }
        leg.release();
        if (!leg.is(CallLeg.Stage.ENDED)) {
            c.fail(leg.attemptId(), response.getStatusCode(), Failure.NO_ANSWER,
                    "answered after hang-up; ended with BYE");
        }
        c.legs().finish(leg);
    }

    /** The far end answered: media starts on its SDP answer, or the call ends at once when there is none usable. */
    private void onAnswer(CallLeg leg, Dialog dialog, Response response) {
        leg.confirmed(dialog, peersOf(response, dialog));
        SdpMedia far;
        SdpCrypto.Agreement agreed;
        try {
            far = Sdp.parse(CallMessages.body(response));
            String refused = refuseTarget(far, response, leg);
            if (refused != null) {
                throw new IllegalArgumentException(refused);
            }
            agreed = SdpCrypto.accept(leg.offer(), far);
        } catch (IllegalArgumentException | SdpCrypto.Refused e) {
            // honest media: an answer the terminal cannot or must not carry ends the attempt as failed, never as
            // silence
            LOG.warn("attempt {}: answer without usable SDP ({}); hanging up", leg.attemptId(), e.getMessage());
            DialogRequests.bye(c.endpoint(), leg.attemptId(), dialog);
            leg.release();
            c.events().accept(new CallEvent.AttemptFailed(leg.attemptId(), 488, Failure.MEDIA, Duration.ZERO,
                    "answer without usable SDP: " + e.getMessage()));
            c.legs().finish(leg);
            return;
        }
        leg.answered(far.farEnd(SourceCheck.sourceOf(response)), far, agreed);
        leg.watchRtp(c.config().rtp().inactivity(), c.thread(), c.events());
        LOG.info("attempt {}: answered ({} to {}, {})", leg.attemptId(), far.codec(), far.remote(), agreed);
        c.events().accept(new CallEvent.AttemptAnswered(leg.attemptId(), agreed.media()));
    }

    /** A final response other than 2xx to the INVITE in force. */
    private void onFailure(CallLeg leg, Response response) {
        int status = response.getStatusCode();
        if (leg.hangUpRequested() || leg.is(CallLeg.Stage.ENDED)) {
            // the flow already ended this attempt (CANCEL → 487): reported only so that it sees the last status
            leg.release();
            c.fail(leg.attemptId(), status, Failure.NO_ANSWER, "cancelled (" + status + ")");
            c.legs().finish(leg);
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && retryWithCredentials(leg, response)) {
            return;
        }
        leg.release();
        if (status >= 300 && status < 400 && redirected(leg, response)) {
            return;
        }
        Duration retryAfter = CallMessages.retryAfter(response); // at most an hour (F20)
        String cause = status + " " + response.getReasonPhrase();
        LOG.info("attempt {}: failed with {}{}", leg.attemptId(), cause,
                retryAfter.isZero() ? "" : " (retry after " + retryAfter.toSeconds() + " s)");
        c.events().accept(new CallEvent.AttemptFailed(leg.attemptId(), status, Failures.kindOf(status), retryAfter,
                cause));
        c.legs().finish(leg);
    }

    /** A 3xx with contacts: reported as a redirect to the allowed ones, or as refused; false without contacts. */
    private boolean redirected(CallLeg leg, Response response) {
        int status = response.getStatusCode();
        List<String> contacts = CallMessages.contactsOf(response);
        List<String> allowed = allowedRedirects(leg, contacts);
        if (!allowed.isEmpty()) {
            LOG.info("attempt {}: redirected ({}) to {}", leg.attemptId(), status, allowed);
            c.events().accept(new CallEvent.AttemptRedirected(leg.attemptId(), status, allowed));
        } else if (!contacts.isEmpty()) {
            c.events().accept(new CallEvent.AttemptFailed(leg.attemptId(), status, Failure.REFUSED, Duration.ZERO,
                    status + " redirect refused: no allowed contact in " + contacts));
        } else {
            return false;
        }
        c.legs().finish(leg);
        return true;
    }

    private boolean retryWithCredentials(CallLeg leg, Response challenge) {
        if (!auth.hasCredentials()) {
            LOG.warn("attempt {}: the far end asks for authentication ({}) but sip.password is empty",
                    leg.attemptId(), challenge.getStatusCode());
            return false;
        }
        AuthTries tries = leg.authTries();
        if (!tries.staleAnswer(DigestAuth.isStale(challenge)) && !tries.answer()) {
            LOG.warn("attempt {}: credentials rejected {} times; giving up (check sip.user/sip.auth-user/"
                    + "sip.password)", leg.attemptId(), tries.answered());
            return false;
        }
        try {
            Request next = (Request) leg.invite().clone();
            CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            next.removeHeader(ViaHeader.NAME);
            next.addHeader(requests.via());
            auth.authorize(next, challenge, c.endpoint().headers());
            leg.resend(next);
            sendInvite(leg, next);
            return true;
        } catch (ParseException | InvalidArgumentException | IllegalArgumentException e) {
            LOG.warn("attempt {}: cannot answer the challenge: {}", leg.attemptId(), e.getMessage());
            return false;
        }
    }

    private void sendInvite(CallLeg leg, Request invite) {
        try {
            ClientTransaction tx = c.endpoint().provider().getNewClientTransaction(invite);
            leg.sent(tx);
            tx.sendRequest();
        } catch (SipException | RuntimeException e) {
            leg.release();
            c.fail(leg.attemptId(), 0, Failure.NETWORK, "cannot send INVITE: " + e.getMessage());
            c.legs().finish(leg);
        }
    }

    // ---- no answer ------------------------------------------------------------------------------------------

    private void cancelUnanswered(CallLeg leg) {
        if (c.legs().byAttempt(leg.attemptId()) != leg) {
            return; // the final response came
        }
        LOG.warn("attempt {}: no final response {} s after CANCEL; the attempt is over", leg.attemptId(),
                cancelGiveUpMs / 1000.0);
        giveUp(leg, "no final response after CANCEL");
    }

    /** A client transaction of a call timed out (RFC 3261 §17.1.1.2 timer B, §17.1.2.2 timer F). */
    void onTimeout(CallLeg leg, ClientTransaction tx) {
        String method = tx.getRequest().getMethod();
        if (Request.INVITE.equals(method) && tx == leg.inviteTx() && !leg.is(CallLeg.Stage.ANSWERED)) {
            giveUp(leg, "no final response to INVITE (timer B)");
        } else if (Request.CANCEL.equals(method) && !leg.is(CallLeg.Stage.ANSWERED)
                && c.legs().byAttempt(leg.attemptId()) == leg) {
            LOG.warn("attempt {}: CANCEL not answered; the attempt is over", leg.attemptId());
            giveUp(leg, "CANCEL not answered");
        } else if (Request.BYE.equals(method)) {
            LOG.info("call {}: no response to BYE; the call is over anyway", leg.attemptId());
        }
    }

    /** Ends a leg whose INVITE transaction will never see a final response: nothing may linger for it. */
    private void giveUp(CallLeg leg, String cause) {
        leg.release();
        c.fail(leg.attemptId(), 0, Failure.NO_ANSWER, cause);
        c.legs().finish(leg);
        c.legs().forget(leg);
    }

    /** The transport towards the far end failed: attempts that heard nothing yet are over. */
    void onTransportError(String host, int port) {
        for (CallLeg leg : c.legs().active()) {
            if (leg.is(CallLeg.Stage.CALLING) && !leg.incoming()) {
                leg.release();
                c.fail(leg.attemptId(), 0, Failure.NETWORK, "transport error towards " + host + ":" + port);
                c.legs().finish(leg);
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** The redirect contacts that may be followed (review F11): trusted domains only, never sips: to sip:. */
    private List<String> allowedRedirects(CallLeg leg, List<String> contacts) {
        List<String> allowed = new ArrayList<>();
        for (String contact : contacts) {
            String refused;
            try {
                refused = trusted.refuseRedirect(leg.invite().getRequestURI(),
                        c.endpoint().addresses().createURI(contact));
            } catch (ParseException e) {
                refused = "not a URI";
            }
            if (refused == null) {
                allowed.add(contact);
            } else {
                LOG.warn("attempt {}: redirect to {} refused: {}", leg.attemptId(), contact, refused);
            }
        }
        return allowed;
    }

    private String refuseTarget(SdpMedia far, Response carrier, CallLeg leg) {
        return Sdp.refuseTarget(far, SourceCheck.sourceOf(carrier), c.endpoint().port(), leg.rtpPort());
    }

    private List<InetAddress> peersOf(Response response, Dialog dialog) {
        List<InetAddress> peers = new ArrayList<>();
        InetAddress source = SourceCheck.sourceOf(response);
        if (source != null) {
            peers.add(source);
        }
        try {
            if (dialog.getRemoteTarget() != null && dialog.getRemoteTarget().getURI() instanceof SipURI uri) {
                // from the cache only: never a DNS lookup on the SIP thread (review F9)
                peers.addAll(resolver.cached(HostPort.parse(uri.getHost(), 0).bareHost()));
            }
        } catch (RuntimeException e) {
            LOG.debug("far end's contact not resolvable: {}", e.toString());
        }
        return peers;
    }
}
