package org.hallphone.sip;

import java.net.InetAddress;
import java.util.List;
import java.util.function.LongSupplier;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests inside a call, in both directions: BYE (the far end hangs up), INFO carrying DTMF and re-INVITE (hold,
 * resume, a new media address). Each must come from the far end or a configured server (RFC 3261 §12.2.2).
 * SIP thread only.
 */
final class CallDialogs {

    private static final Logger LOG = LoggerFactory.getLogger(CallDialogs.class);

    private final CallContext c;
    /** Servers whose in-dialog requests are taken besides the far end's own (allow-list, proxy, registrar). */
    private final List<String> trustedPeers;
    private final LongSupplier sdpVersions;

    CallDialogs(CallContext context, List<String> trustedPeers, LongSupplier sdpVersions) {
        this.c = context;
        this.trustedPeers = trustedPeers;
        this.sdpVersions = sdpVersions;
    }

    /** Ends an answered call with BYE (the flow hung up, or the stack is stopping). */
    void bye(CallLeg leg) {
        DialogRequests.bye(c.endpoint(), leg.attemptId(), leg.dialog());
    }

    void onBye(CallLeg leg, RequestEvent event) {
        Request bye = event.getRequest();
        if (leg == null || leg.is(CallLeg.Stage.ENDED)) {
            respond(event.getServerTransaction(), bye, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (!fromPeer(leg, bye)) {
            LOG.warn("call {}: BYE from {} ignored: not the far end or a configured proxy", leg.attemptId(),
                    SourceCheck.sourceOf(bye));
            return;
        }
        respond(event.getServerTransaction(), bye, Response.OK, null);
        LOG.info("call {}: the far end hung up (BYE)", leg.attemptId());
        c.events().accept(new CallEvent.RemoteHungUp(leg.attemptId(), "BYE"));
        c.legs().finish(leg);
    }

    /** DTMF sent as SIP INFO (application/dtmf-relay or application/dtmf), as some PBXs are configured to. */
    void onInfo(CallLeg leg, RequestEvent event) {
        Request info = event.getRequest();
        if (leg == null || !leg.is(CallLeg.Stage.ANSWERED)) {
            respond(event.getServerTransaction(), info, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (!fromPeer(leg, info)) {
            LOG.warn("call {}: INFO from {} ignored", leg.attemptId(), SourceCheck.sourceOf(info));
            return;
        }
        respond(event.getServerTransaction(), info, Response.OK, null);
        char digit = CallMessages.infoDigit(info);
        if (digit != 0) {
            c.events().accept(new CallEvent.DtmfReceived(leg.attemptId(), digit));
        }
    }

    /** A new offer inside the call (RFC 3264 §8): answered with 200 and our SDP, or refused with 488. */
    void onReInvite(CallLeg leg, RequestEvent event) {
        Request reInvite = event.getRequest();
        ServerTransaction tx = c.responder().serverTransaction(event);
        if (tx == null) {
            return;
        }
        if (!fromPeer(leg, reInvite)) {
            LOG.warn("call {}: re-INVITE from {} refused: not the far end or a configured proxy", leg.attemptId(),
                    SourceCheck.sourceOf(reInvite));
            respond(tx, reInvite, Response.FORBIDDEN, null);
            return;
        }
        if (!leg.is(CallLeg.Stage.ANSWERED) || leg.media() == null) {
            respond(tx, reInvite, Response.REQUEST_PENDING, null);
            return;
        }
        try {
            SdpMedia offer = Sdp.parse(CallMessages.body(reInvite));
            String refused = Sdp.refuseTarget(offer, SourceCheck.sourceOf(reInvite), c.endpoint().port(),
                    leg.rtpPort());
            if (refused != null) {
                LOG.warn("call {}: re-INVITE refused with 488: {}", leg.attemptId(), refused);
                throw new IllegalArgumentException(refused);
            }
            SdpCrypto.Agreement agreed = SdpCrypto.answer(offer, c.config().rtp().srtp(), leg.agreement());
            String sdp = Sdp.answer(Sdp.advertised(leg.media().localAddress(), c.localAddress()),
                    System.currentTimeMillis(), sdpVersions.getAsLong(), offer, agreed.profile(),
                    agreed.attributes());
            respond(tx, reInvite, Response.OK, sdp);
            leg.startMedia(offer.farEnd(SourceCheck.sourceOf(reInvite)), agreed);
            leg.expectRtp(offer);
            LOG.info("call {}: re-INVITE: media to {}, far end {}", leg.attemptId(), offer.remote(),
                    offer.onHold() ? "holds the call (" + offer.direction().attribute() + ")" : "talking");
        } catch (IllegalArgumentException | SdpCrypto.Refused e) {
            LOG.warn("call {}: re-INVITE refused with 488: {}", leg.attemptId(), e.getMessage());
            respond(tx, reInvite, Response.NOT_ACCEPTABLE_HERE, null);
        }
    }

    private void respond(ServerTransaction tx, Request request, int status, String sdp) {
        c.responder().respond(tx, request, status, sdp, null);
    }

    private boolean fromPeer(CallLeg leg, Request request) {
        InetAddress source = SourceCheck.sourceOf(request);
        if (source == null || leg.knowsPeer(source)) {
            return true;
        }
        return SourceCheck.isOneOf(source, trustedPeers);
    }
}
