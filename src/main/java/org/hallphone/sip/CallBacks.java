package org.hallphone.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.hallphone.media.MediaSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incoming calls: a representative calling a patient back. Only hosts of {@code sip.allow-incoming-from} make the
 * terminal ring (180); everyone else gets 403. The flow answers (200 with the SDP answer, RFC 3264 §6) or gives up
 * (480); the caller may cancel (200 + 487). SIP thread only.
 */
final class CallBacks {

    private static final Logger LOG = LoggerFactory.getLogger(CallBacks.class);
    /** An answered call-back whose ACK never comes is ended after this long (64·T1, RFC 3261 §13.3.1.4). */
    static final long ACK_TIMEOUT_MS = 32_000;
    /** Ids for incoming calls are negative so that they never clash with the flow's (positive) attempt ids. */
    private static final AtomicLong INCOMING_IDS = new AtomicLong();

    private final SipEndpoint endpoint;
    private final LegTable legs;
    private final Responder responder;
    private final MediaSessions mediaSessions;
    private final Consumer<CallEvent> events;
    private final ScheduledExecutorService thread;
    private final SipConfig config;
    private final InetAddress localAddress;
    private long sdpVersion = 1;

    CallBacks(SipEndpoint endpoint, LegTable legs, Responder responder, MediaSessions mediaSessions,
              Consumer<CallEvent> events, ScheduledExecutorService thread, SipConfig config,
              InetAddress localAddress) {
        this.endpoint = endpoint;
        this.legs = legs;
        this.responder = responder;
        this.mediaSessions = mediaSessions;
        this.events = events;
        this.thread = thread;
        this.config = config;
        this.localAddress = localAddress;
    }

    /** A new INVITE (no To tag, unknown Call-ID). */
    void onInvite(RequestEvent event) {
        Request invite = event.getRequest();
        InetAddress source = SourceCheck.sourceOf(invite);
        ServerTransaction tx = responder.serverTransaction(event);
        if (tx == null) {
            return;
        }
        if (!SourceCheck.isOneOf(source, config.allowIncomingFrom())) {
            LOG.warn("incoming INVITE from {} refused with 403: not in sip.allow-incoming-from", source);
            responder.respond(tx, invite, Response.FORBIDDEN, null, null);
            return;
        }
        if (legs.busy()) {
            responder.respond(tx, invite, Response.BUSY_HERE, null, null);
            LOG.info("incoming INVITE from {} refused with 486: a call is under way", source);
            return;
        }
        SdpMedia offer;
        SdpCrypto.Agreement agreed;
        try {
            offer = Sdp.parse(CallMessages.body(invite));
            agreed = SdpCrypto.answer(offer, config.srtp(), null);
        } catch (IllegalArgumentException | SdpCrypto.Refused e) {
            // honest media: never ring for a call the terminal could not carry; the call log says why
            LOG.warn("incoming INVITE from {} refused with 488: {}", source, e.getMessage());
            responder.respond(tx, invite, Response.NOT_ACCEPTABLE_HERE, null, null);
            Address from = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress();
            events.accept(new CallEvent.IncomingRefused(from.getURI().toString(), Response.NOT_ACCEPTABLE_HERE,
                    e.getMessage()));
            return;
        }
        long id = -INCOMING_IDS.incrementAndGet();
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        CallLeg leg = new CallLeg(id, true, callId, CallLeg.Stage.RINGING_IN);
        leg.invite = invite;
        leg.incomingTx = tx;
        leg.remoteOffer = offer;
        leg.agreement = agreed;
        leg.toTag = Requests.newTag();
        leg.peers = java.util.List.of(source);
        legs.add(leg);
        responder.respond(tx, invite, Response.RINGING, null, leg.toTag);
        Address from = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress();
        String caller = from.getDisplayName() != null ? from.getDisplayName() + " <" + from.getURI() + ">"
                : from.getURI().toString();
        LOG.info("call-back {} from {} ({}): ringing", id, caller, source);
        events.accept(new CallEvent.IncomingCall(id, caller));
    }

    /** The flow answers: 200 with our SDP answer; the call counts as answered when the ACK arrives. */
    void answer(CallLeg leg) {
        if (!leg.incoming || leg.stage != CallLeg.Stage.RINGING_IN) {
            return;
        }
        long id = leg.attemptId;
        try {
            leg.media = mediaSessions.open(localAddress);
            leg.media.setDtmfListener(digit -> events.accept(new CallEvent.DtmfReceived(id, digit)));
            SdpCrypto.Agreement agreed = leg.agreement;
            String sdp = Sdp.answer(Sdp.advertised(leg.media.localAddress(), localAddress),
                    System.currentTimeMillis(), sdpVersion++, leg.remoteOffer, agreed.profile(), agreed.attributes());
            responder.respond(leg.incomingTx, leg.invite, Response.OK, sdp, leg.toTag);
            leg.startMedia(leg.remoteOffer, agreed);
            leg.rtpExpectedSinceNanos = System.nanoTime();
            leg.expectRtp(leg.remoteOffer);
            leg.stage = CallLeg.Stage.ANSWERED;
            leg.dialog = leg.incomingTx.getDialog();
            leg.ackWatch = thread.schedule(() -> ackMissing(leg), ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            LOG.info("call-back {}: answered ({})", id, agreed);
        } catch (IOException | RuntimeException e) {
            LOG.warn("call-back {}: cannot answer: {}", id, e.toString());
            responder.respond(leg.incomingTx, leg.invite, Response.SERVER_INTERNAL_ERROR, null, leg.toTag);
            events.accept(new CallEvent.RemoteHungUp(id, "cannot answer: " + e.getMessage()));
            legs.finish(leg);
        }
    }

    /** Nobody answered (or the terminal is stopping): 480 Temporarily Unavailable. */
    void reject(CallLeg leg) {
        LOG.info("call-back {}: not answered, rejecting with 480", leg.attemptId);
        responder.respond(leg.incomingTx, leg.invite, Response.TEMPORARILY_UNAVAILABLE, null, leg.toTag);
        legs.finish(leg);
    }

    /** The ACK for our 200: the call is set up. */
    void onAck(CallLeg leg) {
        if (leg != null && leg.incoming && leg.stage == CallLeg.Stage.ANSWERED && leg.ackWatch != null) {
            leg.ackWatch.cancel(false);
            leg.ackWatch = null;
            RtpWatch.start(leg, config.rtpInactivity(), thread, events);
            events.accept(new CallEvent.AttemptAnswered(leg.attemptId, leg.agreement.media()));
        }
    }

    /** The caller gave up while the terminal rang (RFC 3261 §9.2). */
    void onCancel(CallLeg leg, RequestEvent event) {
        Request cancel = event.getRequest();
        if (leg == null || !leg.incoming || leg.stage != CallLeg.Stage.RINGING_IN) {
            responder.respond(event.getServerTransaction(), cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST,
                    null, null);
            return;
        }
        responder.respond(event.getServerTransaction(), cancel, Response.OK, null, leg.toTag);
        responder.respond(leg.incomingTx, leg.invite, Response.REQUEST_TERMINATED, null, leg.toTag);
        LOG.info("call-back {}: cancelled by the caller", leg.attemptId);
        events.accept(new CallEvent.RemoteHungUp(leg.attemptId, "caller cancelled"));
        legs.finish(leg);
    }

    private void ackMissing(CallLeg leg) {
        if (leg.stage == CallLeg.Stage.ANSWERED && leg.ackWatch != null) {
            LOG.warn("call-back {}: no ACK for our 200; hanging up", leg.attemptId);
            DialogRequests.bye(endpoint, leg.attemptId, leg.dialog);
            events.accept(new CallEvent.RemoteHungUp(leg.attemptId, "no ACK"));
            legs.finish(leg);
        }
    }
}
