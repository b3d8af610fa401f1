package org.hallphone.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
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
 * Calls on one running stack: outgoing attempts (INVITE with SDP offer, provisional and final responses, ACK for
 * 2xx, CANCEL, digest challenges), requests inside calls (BYE both ways, re-INVITE, INFO) and dispatch of
 * incoming calls to {@link CallBacks}. Every method runs on the SIP thread; results go to the call flow as
 * {@link CallEvent}s.
 */
final class Calls {

    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);
    /** Challenges answered per request before giving up: a wrong password must never loop (RFC 3261 §22.2). */
    static final int MAX_AUTH_TRIES = 2;
    /** {@code stale=true} challenges answered per request on top of {@link #MAX_AUTH_TRIES} (a nonce expired). */
    static final int MAX_STALE_TRIES = 2;
    /** After CANCEL, how long to wait for the INVITE's final response before the leg is over (64·T1, §9.1). */
    static final long CANCEL_GIVE_UP_MS = 64 * 500L;
    /** Longest Retry-After honoured (review F20): one 503 must not shut a target out for the life of the process. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

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
    private final LegTable legs;
    private final CallBacks callBacks;
    private final Resolver resolver;
    private final TrustedDomains trusted;
    private final java.util.Set<Long> resolving = new java.util.HashSet<>();
    private long cancelGiveUpMs = CANCEL_GIVE_UP_MS;
    private long sdpVersion = 1;

    Calls(SipEndpoint endpoint, Requests requests, Responder responder, DigestAuth auth, MediaSessions mediaSessions,
          Consumer<CallEvent> events, ScheduledExecutorService sipThread, SipConfig config, InetAddress localAddress,
          Resolver resolver, TrustedDomains trusted) {
        this.endpoint = endpoint;
        this.resolver = resolver;
        this.trusted = trusted;
        this.requests = requests;
        this.responder = responder;
        this.auth = auth;
        this.mediaSessions = mediaSessions;
        this.events = events;
        this.sipThread = sipThread;
        this.config = config;
        this.localAddress = localAddress;
        this.legs = new LegTable(sipThread);
        this.callBacks = new CallBacks(endpoint, legs, responder, mediaSessions, events, sipThread, config,
                localAddress);
        List<String> peers = new ArrayList<>(config.incoming().allowFrom());
        if (!config.account().proxy().isEmpty()) {
            peers.add(config.account().proxy());
        }
        if (!config.account().registrar().isEmpty()) {
            peers.add(config.account().registrar());
        }
        this.trustedPeers = List.copyOf(peers);
    }

    // ---- commands from the call flow -----------------------------------------------------------------------

    /** For tests: a shorter wait for the final response after CANCEL. */
    void setCancelGiveUp(long ms) {
        this.cancelGiveUpMs = ms;
    }

    void dial(long attemptId, String target, int attemptNo) {
        if (legs.byAttempt(attemptId) != null || resolving.contains(attemptId)) {
            LOG.warn("attempt {} is already under way; dial ignored", attemptId);
            return;
        }
        // the first hop's name is looked up off the SIP thread (review F9); the dial goes on when it is known
        String hop = !config.account().proxy().isEmpty() ? HostPort.parse(config.account().proxy(), 0).bareHost()
                : LocalAddress.hostOf(target);
        if (resolver.unknown(hop)) {
            resolving.add(attemptId);
            LOG.info("attempt {}: looking up {} first", attemptId, hop);
            resolver.whenResolved(hop, sipThread, () -> {
                if (resolving.remove(attemptId)) {
                    if (resolver.cached(hop).isEmpty()) {
                        fail(attemptId, 0, Failure.NETWORK, "cannot resolve " + hop + " (DNS)");
                    } else {
                        dialNow(attemptId, target, attemptNo);
                    }
                }
            });
            return;
        }
        dialNow(attemptId, target, attemptNo);
    }

    private void dialNow(long attemptId, String target, int attemptNo) {
        MediaSession media;
        SdpCrypto.Offer offer;
        try {
            media = mediaSessions.open(localAddress);
        } catch (IOException | RuntimeException e) {
            fail(attemptId, 0, Failure.NETWORK, "no RTP port: " + e.getMessage());
            return;
        }
        Request invite;
        try {
            offer = SdpCrypto.Offer.of(config.rtp().srtp());
            String sdp = Sdp.offer(Sdp.advertised(media.localAddress(), localAddress), System.currentTimeMillis(),
                    sdpVersion++, offer.profile(), offer.attributes());
            invite = requests.invite(target, attemptNo, sdp);
        } catch (ParseException | javax.sip.InvalidArgumentException | RuntimeException e) {
            media.close();
            fail(attemptId, 0, Failure.DECLINED, "bad target " + target + ": " + e.getMessage());
            return;
        }
        String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
        CallLeg leg = new CallLeg(attemptId, false, callId, CallLeg.Stage.CALLING);
        leg.media = media;
        leg.offer = offer;
        leg.invite = invite;
        media.setDtmfListener(digit -> events.accept(new CallEvent.DtmfReceived(attemptId, digit)));
        legs.add(leg);
        LOG.info("attempt {}: calling {} (attempt {} of this call)", attemptId, target, attemptNo);
        sendInvite(leg, invite);
    }

    void hangUp(long attemptId) {
        if (resolving.remove(attemptId)) {
            LOG.info("attempt {}: hang-up while its host was being looked up; not dialled", attemptId);
            return;
        }
        CallLeg leg = legs.byAttempt(attemptId);
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
            case RINGING_IN -> callBacks.reject(leg);
            case ANSWERED -> {
                LOG.info("{} {}: hanging up (BYE)", leg.incoming ? "call-back" : "attempt", attemptId);
                sendBye(leg);
                finish(leg);
            }
            case ENDED -> { }
        }
    }

    void answer(long attemptId) {
        CallLeg leg = legs.byAttempt(attemptId);
        if (leg != null) {
            callBacks.answer(leg);
        }
    }

    void sendDtmf(long attemptId, char digit) {
        CallLeg leg = legs.byAttempt(attemptId);
        if (leg != null && leg.media != null && leg.stage == CallLeg.Stage.ANSWERED) {
            leg.media.sendDtmf(digit);
        }
    }

    /** Ends every call at once (the stack is stopping). */
    void endAll() {
        resolving.clear();
        for (CallLeg leg : legs.active()) {
            if (leg.stage == CallLeg.Stage.ANSWERED) {
                sendBye(leg);
            } else if (leg.stage == CallLeg.Stage.PROCEEDING) {
                sendCancel(leg);
            } else if (leg.stage == CallLeg.Stage.RINGING_IN) {
                callBacks.reject(leg);
            }
            finish(leg);
        }
        legs.clear();
    }

    /** Calls under way or lingering for late responses (for the address-change check and leak tests). */
    int activeLegs() {
        return legs.known();
    }

    // ---- responses -----------------------------------------------------------------------------------------

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        CallLeg leg = legs.of(response);
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
            List<String> allowed = allowedRedirects(leg, contacts);
            if (!allowed.isEmpty()) {
                LOG.info("attempt {}: redirected ({}) to {}", leg.attemptId, status, allowed);
                events.accept(new CallEvent.AttemptRedirected(leg.attemptId, status, allowed));
                finish(leg);
                return;
            }
            if (!contacts.isEmpty()) {
                events.accept(new CallEvent.AttemptFailed(leg.attemptId, status, Failure.REFUSED, Duration.ZERO,
                        status + " redirect refused: no allowed contact in " + contacts));
                finish(leg);
                return;
            }
        }
        Duration retryAfter = retryAfter(response);
        String cause = status + " " + response.getReasonPhrase();
        LOG.info("attempt {}: failed with {}{}", leg.attemptId, cause,
                retryAfter.isZero() ? "" : " (retry after " + retryAfter.toSeconds() + " s)");
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
                String refused = refuseTarget(far, response, leg);
                if (refused != null) {
                    throw new IllegalArgumentException(refused);
                }
                leg.startMedia(far.farEnd(SourceCheck.sourceOf(response)), SdpCrypto.accept(leg.offer, far));
                earlyMedia = true;
            } catch (IllegalArgumentException | SdpCrypto.Refused e) {
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
        SdpCrypto.Agreement agreed;
        try {
            far = Sdp.parse(CallMessages.body(response));
            String refused = refuseTarget(far, response, leg);
            if (refused != null) {
                throw new IllegalArgumentException(refused);
            }
            agreed = SdpCrypto.accept(leg.offer, far);
        } catch (IllegalArgumentException | SdpCrypto.Refused e) {
            // honest media: an answer the terminal cannot or must not carry ends the attempt as failed, never as
            // silence
            LOG.warn("attempt {}: answer without usable SDP ({}); hanging up", leg.attemptId, e.getMessage());
            sendBye(leg.attemptId, dialog);
            leg.release();
            events.accept(new CallEvent.AttemptFailed(leg.attemptId, 488, Failure.MEDIA, Duration.ZERO,
                    "answer without usable SDP: " + e.getMessage()));
            finish(leg);
            return;
        }
        leg.startMedia(far.farEnd(SourceCheck.sourceOf(response)), agreed);
        leg.rtpExpectedSinceNanos = System.nanoTime();
        leg.expectRtp(far);
        leg.stage = CallLeg.Stage.ANSWERED;
        RtpWatch.start(leg, config.rtp().inactivity(), sipThread, events);
        LOG.info("attempt {}: answered ({} to {}, {})", leg.attemptId, far.codec(), far.remote(), agreed);
        events.accept(new CallEvent.AttemptAnswered(leg.attemptId, agreed.media()));
    }

    private boolean retryWithCredentials(CallLeg leg, Response challenge) {
        if (!auth.hasCredentials()) {
            LOG.warn("attempt {}: the far end asks for authentication ({}) but sip.password is empty",
                    leg.attemptId, challenge.getStatusCode());
            return false;
        }
        boolean stale = DigestAuth.isStale(challenge) && leg.staleTries < MAX_STALE_TRIES;
        if (!stale && leg.authTries >= MAX_AUTH_TRIES) {
            LOG.warn("attempt {}: credentials rejected {} times; giving up (check sip.user/sip.auth-user/"
                    + "sip.password)", leg.attemptId, leg.authTries);
            return false;
        }
        if (stale) {
            leg.staleTries++; // the nonce expired, the password was right: a free retry (review F11)
        } else {
            leg.authTries++;
        }
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
        // RFC 3261 §9.1: without a final response 64·T1 after CANCEL the leg is over, or it would stay "under way"
        // for good and every call-back would get 486 (review F7)
        leg.cancelWatch = sipThread.schedule(() -> cancelUnanswered(leg), cancelGiveUpMs, TimeUnit.MILLISECONDS);
    }

    private void cancelUnanswered(CallLeg leg) {
        if (legs.byAttempt(leg.attemptId) != leg) {
            return; // the final response came
        }
        LOG.warn("attempt {}: no final response {} s after CANCEL; the attempt is over", leg.attemptId,
                cancelGiveUpMs / 1000.0);
        leg.release();
        fail(leg, 0, Failure.NO_ANSWER, "no final response after CANCEL");
        finishUnanswered(leg);
    }

    /** Ends a leg whose INVITE transaction will never see a final response: nothing may linger for it. */
    private void finishUnanswered(CallLeg leg) {
        finish(leg);
        legs.forget(leg);
    }

    private void sendBye(CallLeg leg) {
        sendBye(leg.attemptId, leg.dialog);
    }

    private void sendBye(long attemptId, Dialog dialog) {
        DialogRequests.bye(endpoint, attemptId, dialog);
    }

    void onTimeout(ClientTransaction tx) {
        if (tx == null) {
            return;
        }
        Request request = tx.getRequest();
        CallLeg leg = legs.of(request);
        if (leg == null) {
            return;
        }
        if (Request.INVITE.equals(request.getMethod()) && tx == leg.inviteTx && leg.stage != CallLeg.Stage.ANSWERED) {
            leg.release();
            fail(leg, 0, Failure.NO_ANSWER, "no final response to INVITE (timer B)");
            finishUnanswered(leg);
        } else if (Request.CANCEL.equals(request.getMethod()) && leg.stage != CallLeg.Stage.ANSWERED
                && legs.byAttempt(leg.attemptId) == leg) {
            LOG.warn("attempt {}: CANCEL not answered; the attempt is over", leg.attemptId);
            leg.release();
            fail(leg, 0, Failure.NO_ANSWER, "CANCEL not answered");
            finishUnanswered(leg);
        } else if (Request.BYE.equals(request.getMethod())) {
            LOG.info("call {}: no response to BYE; the call is over anyway", leg.attemptId);
        }
    }

    void onTransportError(String host, int port) {
        for (CallLeg leg : legs.active()) {
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
        CallLeg leg = legs.of(request);
        switch (method) {
            case Request.INVITE -> {
                if (leg == null) {
                    callBacks.onInvite(event);
                } else if (CallMessages.hasToTag(request)) {
                    onReInvite(leg, event);
                }
                // else: a retransmission of an INVITE we already handle; the transaction layer absorbs it
                return true;
            }
            case Request.ACK -> {
                callBacks.onAck(leg, request);
                return true;
            }
            case Request.BYE -> {
                onBye(leg, event);
                return true;
            }
            case Request.CANCEL -> {
                callBacks.onCancel(leg, event);
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
            String refused = refuseTarget(offer, reInvite, leg);
            if (refused != null) {
                LOG.warn("call {}: re-INVITE refused with 488: {}", leg.attemptId, refused);
                throw new IllegalArgumentException(refused);
            }
            SdpCrypto.Agreement agreed = SdpCrypto.answer(offer, config.rtp().srtp(), leg.agreement);
            String sdp = Sdp.answer(Sdp.advertised(leg.media.localAddress(), localAddress),
                    System.currentTimeMillis(), sdpVersion++, offer, agreed.profile(), agreed.attributes());
            respond(tx, reInvite, Response.OK, sdp);
            leg.startMedia(offer.farEnd(SourceCheck.sourceOf(reInvite)), agreed);
            leg.expectRtp(offer);
            LOG.info("call {}: re-INVITE: media to {}, far end {}", leg.attemptId, offer.remote(),
                    offer.onHold() ? "holds the call (" + offer.direction().attribute() + ")" : "talking");
        } catch (IllegalArgumentException | SdpCrypto.Refused e) {
            LOG.warn("call {}: re-INVITE refused with 488: {}", leg.attemptId, e.getMessage());
            respond(tx, reInvite, Response.NOT_ACCEPTABLE_HERE, null);
        }
    }

    private ServerTransaction serverTransaction(RequestEvent event) {
        return responder.serverTransaction(event);
    }

    private void respond(ServerTransaction tx, Request request, int status, String sdp) {
        responder.respond(tx, request, status, sdp, null);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** The redirect contacts that may be followed (review F11): trusted domains only, never sips: to sip:. */
    private List<String> allowedRedirects(CallLeg leg, List<String> contacts) {
        List<String> allowed = new ArrayList<>();
        for (String contact : contacts) {
            String refused;
            try {
                refused = trusted.refuseRedirect(leg.invite.getRequestURI(), endpoint.addresses().createURI(contact));
            } catch (ParseException e) {
                refused = "not a URI";
            }
            if (refused == null) {
                allowed.add(contact);
            } else {
                LOG.warn("attempt {}: redirect to {} refused: {}", leg.attemptId, contact, refused);
            }
        }
        return allowed;
    }

    /** A 503's (or any response's) Retry-After, capped at {@link #MAX_RETRY_AFTER} (review F20). */
    static Duration retryAfter(Response response) {
        RetryAfterHeader ra = (RetryAfterHeader) response.getHeader(RetryAfterHeader.NAME);
        if (ra == null || ra.getRetryAfter() <= 0) {
            return Duration.ZERO;
        }
        Duration asked = Duration.ofSeconds(ra.getRetryAfter());
        return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
    }

    private String refuseTarget(SdpMedia far, javax.sip.message.Message carrier, CallLeg leg) {
        int rtpPort = leg.media == null ? 0 : leg.media.localAddress().getPort();
        return Sdp.refuseTarget(far, SourceCheck.sourceOf(carrier), endpoint.port(), rtpPort);
    }

    private void finish(CallLeg leg) {
        legs.finish(leg);
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
                // from the cache only: never a DNS lookup on the SIP thread (review F9)
                peers.addAll(resolver.cached(HostPort.parse(uri.getHost(), 0).bareHost()));
            }
        } catch (RuntimeException e) {
            LOG.debug("far end's contact not resolvable: {}", e.toString());
        }
        return peers;
    }
}
