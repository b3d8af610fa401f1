package org.hallphone.sip;

import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.hallphone.media.MediaSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls on one running stack: takes the call flow's commands and the SIP messages about calls, and hands each
 * to the part that handles it: {@link FirstHops} then {@link OutgoingCalls} (attempts until answered),
 * {@link IncomingCalls} (call-backs until answered) or {@link CallDialogs} (requests inside a call). Every method
 * runs on the SIP thread; results go to the call flow as {@link CallEvent}s.
 */
final class Calls {

    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

    private final LegTable legs;
    private final FirstHops firstHops;
    private final OutgoingCalls outgoing;
    private final IncomingCalls incoming;
    private final CallDialogs dialogs;
    /** The o= version of our offers and re-INVITE answers (RFC 4566 §5.2). */
    private long sdpVersion = 1;

    Calls(SipEndpoint endpoint, Requests requests, Responder responder, DigestAuth auth, MediaSessions mediaSessions,
          Consumer<CallEvent> events, ScheduledExecutorService sipThread, SipConfig config, InetAddress localAddress,
          Resolver resolver, TrustedDomains trusted, long cancelGiveUpMs) {
        this.legs = new LegTable(sipThread);
        CallContext context = new CallContext(endpoint, responder, mediaSessions, events, sipThread, config,
                localAddress, legs);
        this.firstHops = new FirstHops(context, resolver);
        this.outgoing = new OutgoingCalls(context, requests, auth, resolver, trusted, cancelGiveUpMs,
                this::nextSdpVersion);
        this.incoming = new IncomingCalls(context);
        this.dialogs = new CallDialogs(context, PeerNames.trustedInCalls(config), this::nextSdpVersion);
    }

    private long nextSdpVersion() {
        return sdpVersion++;
    }

    // ---- commands from the call flow -----------------------------------------------------------------------

    void dial(long attemptId, String target, int attemptNo) {
        if (legs.byAttempt(attemptId) != null || firstHops.waiting(attemptId)) {
            LOG.warn("attempt {} is already under way; dial ignored", attemptId);
            return;
        }
        firstHops.whenKnown(attemptId, target, () -> outgoing.dial(attemptId, target, attemptNo));
    }

    void hangUp(long attemptId) {
        if (firstHops.drop(attemptId)) {
            return;
        }
        CallLeg leg = legs.byAttempt(attemptId);
        if (leg == null || !leg.requestHangUp()) {
            return;
        }
        switch (leg.stage()) {
            case CALLING, PROCEEDING -> outgoing.hangUpUnanswered(leg);
            case RINGING_IN -> incoming.reject(leg);
            case ANSWERED -> {
                LOG.info("{} {}: hanging up (BYE)", leg.incoming() ? "call-back" : "attempt", attemptId);
                dialogs.bye(leg);
                legs.finish(leg);
            }
            case ENDED -> { }
        }
    }

    void answer(long attemptId) {
        CallLeg leg = legs.byAttempt(attemptId);
        if (leg != null) {
            incoming.answer(leg);
        }
    }

    void sendDtmf(long attemptId, char digit) {
        CallLeg leg = legs.byAttempt(attemptId);
        if (leg != null) {
            leg.sendDtmf(digit);
        }
    }

    /** Ends every call at once (the stack is stopping). */
    void endAll() {
        firstHops.clear();
        for (CallLeg leg : legs.active()) {
            switch (leg.stage()) {
                case ANSWERED -> dialogs.bye(leg);
                case PROCEEDING -> outgoing.sendCancel(leg);
                case RINGING_IN -> incoming.reject(leg);
                default -> { }
            }
            legs.finish(leg);
        }
        legs.clear();
    }

    /** Calls under way or lingering for late responses (the address-change check waits for none). */
    int activeLegs() {
        return legs.known();
    }

    // ---- SIP messages --------------------------------------------------------------------------------------

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        CallLeg leg = legs.of(response);
        if (leg == null || cseq == null) {
            return;
        }
        if (Request.INVITE.equals(cseq.getMethod())) {
            outgoing.onInviteResponse(leg, event);
        } else if (Request.BYE.equals(cseq.getMethod()) || Request.CANCEL.equals(cseq.getMethod())) {
            LOG.debug("call {}: {} answered {}", leg.attemptId(), cseq.getMethod(), response.getStatusCode());
        }
    }

    void onTimeout(ClientTransaction tx) {
        CallLeg leg = tx == null ? null : legs.of(tx.getRequest());
        if (leg != null) {
            outgoing.onTimeout(leg, tx);
        }
    }

    void onTransportError(String host, int port) {
        outgoing.onTransportError(host, port);
    }

    /** Handles a request that belongs to calls; returns false when it is not about a call. */
    boolean onRequest(RequestEvent event) {
        Request request = event.getRequest();
        CallLeg leg = legs.of(request);
        switch (request.getMethod()) {
            case Request.INVITE -> {
                if (leg == null) {
                    incoming.onInvite(event);
                } else if (CallMessages.hasToTag(request)) {
                    dialogs.onReInvite(leg, event);
                }
                // else: a retransmission of an INVITE we already handle; the transaction layer absorbs it
            }
            case Request.ACK -> incoming.onAck(leg, request);
            case Request.BYE -> dialogs.onBye(leg, event);
            case Request.CANCEL -> incoming.onCancel(leg, event);
            case Request.INFO -> dialogs.onInfo(leg, event);
            default -> {
                return false;
            }
        }
        return true;
    }
}
