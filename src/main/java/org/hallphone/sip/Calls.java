package org.hallphone.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallEvent.Failure;
import org.hallphone.config.SipConfig;
import org.hallphone.media.MediaSession;
import org.hallphone.media.MediaSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outgoing attempts and incoming call-backs on one running stack: INVITE with SDP offer, provisional and final
 * responses, ACK for 2xx, CANCEL, BYE both ways, digest challenges, the incoming allow-list and RTP inactivity.
 * Every method runs on the SIP thread; results go to the call flow as {@link CallEvent}s.
 */
final class Calls {

    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
    /** Challenges answered per request before giving up: a wrong password must never loop (RFC 3261 §22.2). */
    static final int MAX_AUTH_TRIES = 2;
    /** How often RTP inactivity is checked (ms). */
    static final long RTP_CHECK_MS = 500;
    /** An answered call-back whose ACK never comes is ended after this long (64·T1, RFC 3261 §13.3.1.4). */
    static final long ACK_TIMEOUT_MS = 32_000;

    /** Ids for incoming calls are negative so that they never clash with the flow's (positive) attempt ids. */
    private static final AtomicLong INCOMING_IDS = new AtomicLong();

    private final SipEndpoint endpoint;
    private final Requests requests;
    private final Responder responder;
    private final DigestAuth auth;
    private final MediaSessions mediaSessions;
    private final Consumer<CallEvent> events;
    private final ScheduledExecutorService sipThread;
    private final SipConfig config;
    private final InetAddress localAddress;
    private final List<String> trustedPeers;
    private final Map<Long, CallLeg> byAttempt = new HashMap<>();
    private final Map<String, CallLeg> byCallId = new HashMap<>();
    private long sdpVersion = 1;

    Calls(SipEndpoint endpoint, Requests requests, DigestAuth auth, MediaSessions mediaSessions,
          Consumer<CallEvent> events, ScheduledExecutorService sipThread, SipConfig config, InetAddress localAddress) {
        this.endpoint = endpoint;
        this.requests = requests;
        this.responder = new Responder(endpoint, requests);
        this.auth = auth;
        this.mediaSessions = mediaSessions;
        this.events = events;
        this.sipThread = sipThread;
        this.config = config;
        this.localAddress = localAddress;
        List<String> peers = new ArrayList<>(config.allowIncomingFrom());
        if (!config.proxy().isEmpty()) {
            peers.add(config.proxy());
        }
        if (!config.registrar().isEmpty()) {
            peers.add(config.registrar());
        }
        this.trustedPeers = List.copyOf(peers);
    }

    // ---- commands from the call flow -----------------------------------------------------------------------

    void dial(long attemptId, String target, int attemptNo) {
        if (byAttempt.containsKey(attemptId)) {
            LOG.warn("attempt {} is already under way; dial ignored", attemptId);
            return;
        }
        MediaSession media;
        try {
            media = mediaSessions.open(localAddress);
        } catch (IOException | RuntimeException e) {
            fail(attemptId, 0, Failure.NETWORK, "no RTP port: " + e.getMessage());
            return;
        }
        Request invite;
        try {
            String sdp = Sdp.offer(advertised(media), System.currentTimeMillis(), sdpVersion++);
            invite = requests.invite(target, attemptNo, sdp);
        } catch (ParseException | javax.sip.InvalidArgumentException | RuntimeException e) {
            media.close();
            fail(attemptId, 0, Failure.DECLINED, "bad target " + target + ": " + e.getMessage());
            return;
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        CallLeg leg = new CallLeg(attemptId, false, callId, CallLeg.Stage.CALLING);
        leg.media = media;
        leg.invite = invite;
        media.setDtmfListener(digit -> events.accept(new CallEvent.DtmfReceived(attemptId, digit)));
        byAttempt.put(attemptId, leg);
        byCallId.put(callId, leg);
        LOG.info("attempt {}: calling {} (attempt {} of this call)", attemptId, target, attemptNo);
        sendInvite(leg, invite);
    }

    void hangUp(long attemptId) {
        CallLeg leg = byAttempt.get(attemptId);
        if (leg == null || leg.hangUpRequested) {
            return;
        }
        leg.hangUpRequested = true;
        switch (leg.stage) {
            case CALLING -> {
                // CANCEL may only follow a provisional response (RFC 3261 §9.1); the media is not needed any more
                LOG.info("attempt {}: hang-up before any response; CANCEL follows the first 1xx", attemptId);
                leg.release();
            }
            case PROCEEDING -> sendCancel(leg);
            case RINGING_IN -> {
                LOG.info("call-back {}: not answered, rejecting with 480", attemptId);
                respond(leg.incomingTx, leg.invite, Response.TEMPORARILY_UNAVAILABLE, null);
                finish(leg);
            }
            case ANSWERED -> {
                LOG.info("{} {}: hanging up (BYE)", leg.incoming ? "call-back" : "attempt", attemptId);
                sendBye(leg);
                finish(leg);
            }
            case ENDED -> { }
        }
    }

    void answer(long attemptId) {
        CallLeg leg = byAttempt.get(attemptId);
        if (leg == null || !leg.incoming || leg.stage != CallLeg.Stage.RINGING_IN) {
            return;
        }
        try {
            leg.media = mediaSessions.open(localAddress);
            leg.media.setDtmfListener(digit -> events.accept(new CallEvent.DtmfReceived(attemptId, digit)));
            String sdp = Sdp.answer(advertised(leg.media), System.currentTimeMillis(), sdpVersion++, leg.remoteOffer);
            respond(leg.incomingTx, leg.invite, Response.OK, sdp);
            leg.media.start(leg.remoteOffer.remote(), leg.remoteOffer.codec(), leg.remoteOffer.telephoneEvent());
            leg.stage = CallLeg.Stage.ANSWERED;
            leg.dialog = leg.incomingTx.getDialog();
            leg.ackWatch = sipThread.schedule(() -> ackMissing(leg), ACK_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            LOG.info("call-back {}: answered", attemptId);
        } catch (IOException | RuntimeException e) {
            LOG.warn("call-back {}: cannot answer: {}", attemptId, e.toString());
            respond(leg.incomingTx, leg.invite, Response.SERVER_INTERNAL_ERROR, null);
            events.accept(new CallEvent.RemoteHungUp(attemptId, "cannot answer: " + e.getMessage()));
            finish(leg);
        }
    }

    void sendDtmf(long attemptId, char digit) {
        CallLeg leg = byAttempt.get(attemptId);
        if (leg != null && leg.media != null && leg.stage == CallLeg.Stage.ANSWERED) {
            leg.media.sendDtmf(digit);
        }
    }

    /** Ends every call at once (the stack is stopping). */
    void endAll() {
        for (CallLeg leg : List.copyOf(byAttempt.values())) {
            if (leg.stage == CallLeg.Stage.ANSWERED) {
                sendBye(leg);
            } else if (leg.stage == CallLeg.Stage.PROCEEDING) {
                sendCancel(leg);
            } else if (leg.stage == CallLeg.Stage.RINGING_IN) {
                respond(leg.incomingTx, leg.invite, Response.TEMPORARILY_UNAVAILABLE, null);
            }
            finish(leg);
        }
        byCallId.clear();
    }

    int activeLegs() {
        return byCallId.size();
    }

    // ---- responses -----------------------------------------------------------------------------------------

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        CallLeg leg = byCallId.get(((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId());
        if (leg == null || cseq == null) {
            return;
        }
        if (Request.INVITE.equals(cseq.getMethod())) {
            onInviteResponse(leg, event);
        } else if (Request.BYE.equals(cseq.getMethod()) || Request.CANCEL.equals(cseq.getMethod())) {
            LOG.debug("call {}: {} answered {}", leg.attemptId, cseq.getMethod(), response.getStatusCode());
        }
    }

    private void onInviteResponse(CallLeg leg, ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        ClientTransaction tx = event.getClientTransaction();
        if (status >= 200 && status < 300) {
            on2xx(leg, event);
            return;
        }
        if (tx == null || tx != leg.inviteTx) {
            return; // a stray or a response to the INVITE an authenticated one replaced
        }
        if (status < 200) {
            onProvisional(leg, response);
            return;
        }
        if (leg.hangUpRequested || leg.stage == CallLeg.Stage.ENDED) {
            // the flow already ended this attempt (CANCEL → 487): reported only so that it sees the last status
            leg.release();
            fail(leg, status, Failure.NO_ANSWER, "cancelled (" + status + ")");
            finish(leg);
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED)
                && retryWithCredentials(leg, response)) {
            return;
        }
        leg.release();
        if (status >= 300 && status < 400) {
            List<String> contacts = CallMessages.contactsOf(response);
            if (!contacts.isEmpty()) {
                LOG.info("attempt {}: redirected ({}) to {}", leg.attemptId, status, contacts);
                events.accept(new CallEvent.AttemptRedirected(leg.attemptId, status, contacts));
                finish(leg);
                return;
            }
        }
        Duration retryAfter = Duration.ZERO;
        RetryAfterHeader ra = (RetryAfterHeader) response.getHeader(RetryAfterHeader.NAME);
        if (ra != null && ra.getRetryAfter() > 0) {
            retryAfter = Duration.ofSeconds(ra.getRetryAfter());
        }
        String cause = status + " " + response.getReasonPhrase();
        LOG.info("attempt {}: failed with {}", leg.attemptId, cause);
        events.accept(new CallEvent.AttemptFailed(leg.attemptId, status, Failures.kindOf(status), retryAfter, cause));
        finish(leg);
    }

    private void onProvisional(CallLeg leg, Response response) {
        if (leg.stage == CallLeg.Stage.CALLING) {
            leg.stage = CallLeg.Stage.PROCEEDING;
        }
        if (leg.hangUpRequested) {
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
                leg.media.start(far.remote(), far.codec(), far.telephoneEvent());
                earlyMedia = true;
            } catch (IllegalArgumentException e) {
                LOG.warn("attempt {}: early media SDP ignored: {}", leg.attemptId, e.getMessage());
            }
        }
        events.accept(new CallEvent.AttemptRinging(leg.attemptId, status, earlyMedia));
    }

    private void on2xx(CallLeg leg, ResponseEvent event) {
        Response response = event.getResponse();
        Dialog dialog = event.getDialog();
        if (dialog == null) {
            dialog = leg.dialog;
        }
        if (leg.stage == CallLeg.Stage.ANSWERED && dialog != null && dialog.equals(leg.dialog)) {
            return; // retransmission; the stack repeats our ACK
        }
        long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        try {
            Request ack = dialog.createAck(cseq);
            dialog.sendAck(ack);
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
            LOG.warn("attempt {}: cannot ACK the 2xx: {}", leg.attemptId, e.toString());
        }
        if (leg.stage == CallLeg.Stage.ANSWERED || leg.stage == CallLeg.Stage.ENDED || leg.hangUpRequested) {
            // a 2xx that crossed our CANCEL, or a second fork: ACK then BYE (RFC 3261 §9.1, §13.2.2.4)
            LOG.info("attempt {}: answered after hang-up; sending BYE", leg.attemptId);
            sendBye(leg.attemptId, dialog);
            if (leg.stage != CallLeg.Stage.ANSWERED) {
                leg.release();
                if (leg.stage != CallLeg.Stage.ENDED) {
                    fail(leg, response.getStatusCode(), Failure.NO_ANSWER, "answered after hang-up; ended with BYE");
                }
                finish(leg);
            }
            return;
        }
        leg.dialog = dialog;
        leg.peers = peersOf(response, dialog);
        SdpMedia far;
        try {
            far = Sdp.parse(CallMessages.body(response));
        } catch (IllegalArgumentException e) {
            LOG.warn("attempt {}: answer without usable SDP ({}); hanging up", leg.attemptId, e.getMessage());
            sendBye(leg.attemptId, dialog);
            leg.release();
            events.accept(new CallEvent.AttemptFailed(leg.attemptId, 488, Failure.DECLINED, Duration.ZERO,
                    "answer without usable SDP: " + e.getMessage()));
            finish(leg);
            return;
        }
        leg.media.start(far.remote(), far.codec(), far.telephoneEvent());
        leg.stage = CallLeg.Stage.ANSWERED;
        startRtpWatch(leg);
        LOG.info("attempt {}: answered ({} to {})", leg.attemptId, far.codec(), far.remote());
        events.accept(new CallEvent.AttemptAnswered(leg.attemptId));
    }

    private boolean retryWithCredentials(CallLeg leg, Response challenge) {
        if (!auth.hasCredentials()) {
            LOG.warn("attempt {}: the far end asks for authentication ({}) but sip.password is empty",
                    leg.attemptId, challenge.getStatusCode());
            return false;
        }
        if (leg.authTries >= MAX_AUTH_TRIES) {
            LOG.warn("attempt {}: credentials rejected {} times; giving up (check sip.user/sip.auth-user/"
                    + "sip.password)", leg.attemptId, leg.authTries);
            return false;
        }
        leg.authTries++;
        try {
            Request next = (Request) leg.invite.clone();
            CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            next.removeHeader(ViaHeader.NAME);
            next.addHeader(requests.via());
            auth.authorize(next, challenge, endpoint.headers());
            leg.invite = next;
            leg.stage = CallLeg.Stage.CALLING;
            sendInvite(leg, next);
            return true;
        } catch (ParseException | javax.sip.InvalidArgumentException | IllegalArgumentException e) {
            LOG.warn("attempt {}: cannot answer the challenge: {}", leg.attemptId, e.getMessage());
            return false;
        }
    }

    private void sendInvite(CallLeg leg, Request invite) {
        try {
            ClientTransaction tx = endpoint.provider().getNewClientTransaction(invite);
            leg.inviteTx = tx;
            leg.dialog = tx.getDialog();
            tx.sendRequest();
        } catch (SipException | RuntimeException e) {
            leg.release();
            fail(leg, 0, Failure.NETWORK, "cannot send INVITE: " + e.getMessage());
            finish(leg);
        }
    }

    private void sendCancel(CallLeg leg) {
        if (leg.cancelSent || leg.inviteTx == null) {
            return;
        }
        leg.cancelSent = true;
        try {
            // built from the (possibly authenticated) INVITE's own transaction (RFC 3261 §9.1)
            Request cancel = leg.inviteTx.createCancel();
            endpoint.provider().getNewClientTransaction(cancel).sendRequest();
            LOG.info("attempt {}: CANCEL sent", leg.attemptId);
        } catch (SipException | RuntimeException e) {
            LOG.warn("attempt {}: cannot send CANCEL: {}", leg.attemptId, e.toString());
        }
    }

    private void sendBye(CallLeg leg) {
        sendBye(leg.attemptId, leg.dialog);
    }

    private void sendBye(long attemptId, Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction tx = endpoint.provider().getNewClientTransaction(bye);
            dialog.sendRequest(tx);
        } catch (SipException | RuntimeException e) {
            LOG.warn("call {}: cannot send BYE: {}", attemptId, e.toString());
        }
    }

    void onTimeout(ClientTransaction tx) {
        if (tx == null) {
            return;
        }
        Request request = tx.getRequest();
        CallLeg leg = byCallId.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
        if (leg == null) {
            return;
        }
        if (Request.INVITE.equals(request.getMethod()) && tx == leg.inviteTx && leg.stage != CallLeg.Stage.ANSWERED) {
            leg.release();
            fail(leg, 0, Failure.NO_ANSWER, "no final response to INVITE (timer B)");
            finish(leg);
        } else if (Request.BYE.equals(request.getMethod())) {
            LOG.info("call {}: no response to BYE; the call is over anyway", leg.attemptId);
        }
    }

    void onTransportError(String host, int port) {
        for (CallLeg leg : List.copyOf(byAttempt.values())) {
            if (leg.stage == CallLeg.Stage.CALLING && !leg.incoming) {
                leg.release();
                fail(leg, 0, Failure.NETWORK, "transport error towards " + host + ":" + port);
                finish(leg);
            }
        }
    }

    // ---- requests ------------------------------------------------------------------------------------------

    /** Handles a request that belongs to calls; returns false when it is not about a call. */
    boolean onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        CallLeg leg = byCallId.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
        switch (method) {
            case Request.INVITE -> {
                if (leg == null) {
                    onIncomingInvite(event);
                } else if (CallMessages.hasToTag(request)) {
                    onReInvite(leg, event);
                }
                // else: a retransmission of an INVITE we already handle; the transaction layer absorbs it
                return true;
            }
            case Request.ACK -> {
                if (leg != null && leg.incoming && leg.stage == CallLeg.Stage.ANSWERED && leg.ackWatch != null) {
                    leg.ackWatch.cancel(false);
                    leg.ackWatch = null;
                    startRtpWatch(leg);
                    events.accept(new CallEvent.AttemptAnswered(leg.attemptId));
                }
                return true;
            }
            case Request.BYE -> {
                onBye(leg, event);
                return true;
            }
            case Request.CANCEL -> {
                onCancel(leg, event);
                return true;
            }
            case Request.INFO -> {
                onInfo(leg, event);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void onBye(CallLeg leg, RequestEvent event) {
        Request bye = event.getRequest();
        if (leg == null || leg.stage == CallLeg.Stage.ENDED) {
            respond(event.getServerTransaction(), bye, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (!fromPeer(leg, bye)) {
            LOG.warn("call {}: BYE from {} ignored: not the far end or a configured proxy", leg.attemptId,
                    SourceCheck.sourceOf(bye));
            return;
        }
        respond(event.getServerTransaction(), bye, Response.OK, null);
        LOG.info("call {}: the far end hung up (BYE)", leg.attemptId);
        events.accept(new CallEvent.RemoteHungUp(leg.attemptId, "BYE"));
        finish(leg);
    }

    /** DTMF sent as SIP INFO (application/dtmf-relay or application/dtmf), as some PBXs are configured to. */
    private void onInfo(CallLeg leg, RequestEvent event) {
        Request info = event.getRequest();
        if (leg == null || leg.stage != CallLeg.Stage.ANSWERED) {
            respond(event.getServerTransaction(), info, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (!fromPeer(leg, info)) {
            LOG.warn("call {}: INFO from {} ignored", leg.attemptId, SourceCheck.sourceOf(info));
            return;
        }
        respond(event.getServerTransaction(), info, Response.OK, null);
        char digit = CallMessages.infoDigit(info);
        if (digit != 0) {
            events.accept(new CallEvent.DtmfReceived(leg.attemptId, digit));
        }
    }

    private void onCancel(CallLeg leg, RequestEvent event) {
        Request cancel = event.getRequest();
        if (leg == null || !leg.incoming || leg.stage != CallLeg.Stage.RINGING_IN) {
            respond(event.getServerTransaction(), cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        respond(event.getServerTransaction(), cancel, Response.OK, null);
        respond(leg.incomingTx, leg.invite, Response.REQUEST_TERMINATED, null);
        LOG.info("call-back {}: cancelled by the caller", leg.attemptId);
        events.accept(new CallEvent.RemoteHungUp(leg.attemptId, "caller cancelled"));
        finish(leg);
    }

    private void onIncomingInvite(RequestEvent event) {
        Request invite = event.getRequest();
        InetAddress source = SourceCheck.sourceOf(invite);
        ServerTransaction tx = serverTransaction(event);
        if (tx == null) {
            return;
        }
        if (!SourceCheck.isOneOf(source, config.allowIncomingFrom())) {
            LOG.warn("incoming INVITE from {} refused with 403: not in sip.allow-incoming-from", source);
            respond(tx, invite, Response.FORBIDDEN, null);
            return;
        }
        if (!byAttempt.isEmpty()) {
            respond(tx, invite, Response.BUSY_HERE, null);
            LOG.info("incoming INVITE from {} refused with 486: a call is under way", source);
            return;
        }
        SdpMedia offer;
        try {
            offer = Sdp.parse(CallMessages.body(invite));
        } catch (IllegalArgumentException e) {
            LOG.warn("incoming INVITE from {} refused with 488: {}", source, e.getMessage());
            respond(tx, invite, Response.NOT_ACCEPTABLE_HERE, null);
            return;
        }
        long id = -INCOMING_IDS.incrementAndGet();
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        CallLeg leg = new CallLeg(id, true, callId, CallLeg.Stage.RINGING_IN);
        leg.invite = invite;
        leg.incomingTx = tx;
        leg.remoteOffer = offer;
        leg.toTag = Requests.newTag();
        leg.peers = List.of(source);
        byAttempt.put(id, leg);
        byCallId.put(callId, leg);
        respond(tx, invite, Response.RINGING, null, leg.toTag);
        Address from = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress();
        String caller = from.getDisplayName() != null ? from.getDisplayName() + " <" + from.getURI() + ">"
                : from.getURI().toString();
        LOG.info("call-back {} from {} ({}): ringing", id, caller, source);
        events.accept(new CallEvent.IncomingCall(id, caller));
    }

    private void onReInvite(CallLeg leg, RequestEvent event) {
        Request reInvite = event.getRequest();
        ServerTransaction tx = serverTransaction(event);
        if (tx == null) {
            return;
        }
        if (!fromPeer(leg, reInvite)) {
            LOG.warn("call {}: re-INVITE from {} refused: not the far end or a configured proxy", leg.attemptId,
                    SourceCheck.sourceOf(reInvite));
            respond(tx, reInvite, Response.FORBIDDEN, null);
            return;
        }
        if (leg.stage != CallLeg.Stage.ANSWERED || leg.media == null) {
            respond(tx, reInvite, Response.REQUEST_PENDING, null);
            return;
        }
        try {
            SdpMedia offer = Sdp.parse(CallMessages.body(reInvite));
            String sdp = Sdp.answer(advertised(leg.media), System.currentTimeMillis(), sdpVersion++, offer);
            respond(tx, reInvite, Response.OK, sdp);
            leg.media.start(offer.remote(), offer.codec(), offer.telephoneEvent());
            LOG.info("call {}: media moved to {} by a re-INVITE", leg.attemptId, offer.remote());
        } catch (IllegalArgumentException e) {
            respond(tx, reInvite, Response.NOT_ACCEPTABLE_HERE, null);
        }
    }

    private ServerTransaction serverTransaction(RequestEvent event) {
        return responder.serverTransaction(event);
    }

    private void respond(ServerTransaction tx, Request request, int status, String sdp) {
        respond(tx, request, status, sdp, null);
    }

    /** Responds; an incoming call's INVITE always carries that call's own To tag. */
    private void respond(ServerTransaction tx, Request request, int status, String sdp, String toTag) {
        CallLeg leg = byCallId.get(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId());
        boolean ourInvite = leg != null && leg.incoming && request == leg.invite;
        responder.respond(tx, request, status, sdp, toTag != null ? toTag : ourInvite ? leg.toTag : null);
    }

    // ---- media ---------------------------------------------------------------------------------------------

    private void startRtpWatch(CallLeg leg) {
        long limitMs = config.rtpInactivity().toMillis();
        if (limitMs <= 0 || leg.rtpWatch != null) {
            return;
        }
        leg.rtpWatch = sipThread.scheduleWithFixedDelay(() -> {
            MediaSession media = leg.media;
            if (media == null || leg.mediaTimeoutReported || leg.stage != CallLeg.Stage.ANSWERED) {
                return;
            }
            if (media.millisSinceLastPacket() >= limitMs) {
                leg.mediaTimeoutReported = true;
                LOG.warn("call {}: no RTP for {} s; reporting the call dead", leg.attemptId, limitMs / 1000);
                events.accept(new CallEvent.MediaTimedOut(leg.attemptId));
            }
        }, RTP_CHECK_MS, RTP_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    private void ackMissing(CallLeg leg) {
        if (leg.stage == CallLeg.Stage.ANSWERED && leg.ackWatch != null) {
            LOG.warn("call-back {}: no ACK for our 200; hanging up", leg.attemptId);
            sendBye(leg);
            events.accept(new CallEvent.RemoteHungUp(leg.attemptId, "no ACK"));
            finish(leg);
        }
    }

    /** The media session's address as the far end must see it (never the wildcard address). */
    private InetSocketAddress advertised(MediaSession media) {
        InetSocketAddress local = media.localAddress();
        if (local.getAddress() == null || local.getAddress().isAnyLocalAddress()) {
            return new InetSocketAddress(localAddress, local.getPort());
        }
        return local;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void finish(CallLeg leg) {
        leg.release();
        leg.stage = CallLeg.Stage.ENDED;
        byAttempt.remove(leg.attemptId);
        // keep the Call-ID while the INVITE transaction may still deliver a crossing 2xx; it is small
        if (leg.incoming || leg.inviteTx == null || leg.inviteTx.getState() == null
                || leg.inviteTx.getState() == javax.sip.TransactionState.TERMINATED
                || leg.inviteTx.getState() == javax.sip.TransactionState.COMPLETED) {
            byCallId.remove(leg.callId);
        } else {
            sipThread.schedule(() -> byCallId.remove(leg.callId, leg), 64 * 500L, TimeUnit.MILLISECONDS);
        }
    }

    private void fail(CallLeg leg, int status, Failure kind, String cause) {
        fail(leg.attemptId, status, kind, cause);
    }

    private void fail(long attemptId, int status, Failure kind, String cause) {
        LOG.info("attempt {}: {}", attemptId, cause);
        events.accept(new CallEvent.AttemptFailed(attemptId, status, kind, Duration.ZERO, cause));
    }

    private boolean fromPeer(CallLeg leg, Request request) {
        InetAddress source = SourceCheck.sourceOf(request);
        if (source == null || leg.peers.contains(source)) {
            return true;
        }
        return SourceCheck.isOneOf(source, trustedPeers);
    }

    private List<InetAddress> peersOf(Response response, Dialog dialog) {
        List<InetAddress> peers = new ArrayList<>();
        InetAddress source = SourceCheck.sourceOf(response);
        if (source != null) {
            peers.add(source);
        }
        try {
            if (dialog.getRemoteTarget() != null && dialog.getRemoteTarget().getURI() instanceof SipURI uri) {
                for (InetAddress a : InetAddress.getAllByName(HostPort.parse(uri.getHost(), 0).bareHost())) {
                    peers.add(a);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("far end's contact not resolvable: {}", e.toString());
        }
        return peers;
    }
}
