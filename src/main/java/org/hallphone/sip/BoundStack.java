package org.hallphone.sip;

import gov.nist.javax.sip.SipStackExt;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.Backoff;
import org.hallphone.call.CallEvent;
import org.hallphone.config.KioskConfig;
import org.hallphone.config.SipConfig;
import org.hallphone.media.MediaSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP stack bound to one local address and what lives on it: the admission valve, the endpoint, the request
 * builder, the calls, the registration and the keep-alive. {@link SipPhone} builds it whole when the stack starts
 * and closes it whole when the stack stops or the address changes. It receives JAIN-SIP's callbacks (already moved
 * to the SIP thread by {@link ListenerOnThread}) and hands each to the part it concerns; once closed it ignores
 * them. SIP thread only.
 */
final class BoundStack implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(BoundStack.class);

    private final SipConfig sip;
    private final ScheduledExecutorService thread;
    private final Resolver resolver;
    private final InetAddress localAddress;
    private final Admission admission;
    private final SipEndpoint endpoint;
    private final Requests requests;
    private final Responder responder;
    private final Calls calls;
    private final ScheduledFuture<?> logFlush;
    private Registration registration;
    private KeepAlive keepAlive;
    private boolean closed;

    /** Binds the stack on {@code localAddress}; nothing is left open when that fails. */
    BoundStack(KioskConfig config, Identity identity, DigestAuth auth, TrustedDomains trusted, Resolver resolver,
               MediaSessions media, Consumer<CallEvent> events, ScheduledExecutorService thread,
               InetAddress localAddress, long cancelGiveUpMs) throws SipException {
        this.sip = config.sip();
        this.thread = thread;
        this.resolver = resolver;
        this.localAddress = localAddress;
        Admission gate = Admission.of(config);
        try {
            gate.start();
            // callbacks wait on the SIP thread, which is running this constructor: none is handled before it ends
            this.endpoint = SipEndpoint.open("hallphone", sip, sip.transport(), localAddress, sip.localPort(),
                    new ListenerOnThread(thread, this), gate);
        } catch (SipException | RuntimeException e) {
            gate.close();
            throw e;
        }
        this.admission = gate;
        // the stack's next hops come from the resolver's cache: JAIN-SIP never waits for DNS on this thread
        ((SipStackExt) endpoint.stack()).setAddressResolver(resolver);
        this.requests = new Requests(endpoint, identity, HostPort.parse(sip.account().proxy(), 0));
        admission.contactUserFrom(requests::registeredContactUser);
        this.logFlush = thread.scheduleWithFixedDelay(gate::flushLog, 60, 60, TimeUnit.SECONDS);
        this.responder = new Responder(endpoint, requests);
        this.calls = new Calls(endpoint, requests, responder, auth, media, events, thread, sip, localAddress,
                resolver, trusted, cancelGiveUpMs);
    }

    int port() {
        return endpoint.port();
    }

    /** Where requests reach the terminal: host:port;transport=. */
    String contact() {
        return Requests.hostForUri(endpoint.host()) + ":" + endpoint.port() + ";transport=" + endpoint.transport();
    }

    String host() {
        return endpoint.host();
    }

    SipStack stack() {
        return endpoint.stack();
    }

    Calls calls() {
        return calls;
    }

    /** Starts registering (when {@code sip.registrar} is set) and the keep-alive. */
    void startRegistration(DigestAuth auth, Backoff backoff, int t1Ms, Registration.Listener listener,
                           Runnable confirmed) {
        registration = new Registration(endpoint, requests, auth, HostPort.parse(sip.account().registrar(), 0),
                sip.account().registerExpiry(), thread, backoff, t1Ms, listener, confirmed);
        registration.start();
    }

    void startKeepAlive() {
        keepAlive = KeepAlive.start(endpoint, requests, sip, thread, resolver);
    }

    /** Builds a first call's messages once without sending anything (see {@link SipPhone#warmUp()}). */
    void warmUp() {
        try {
            InetSocketAddress rtp = new InetSocketAddress(localAddress, 49170);
            String offer = Sdp.offer(Sdp.advertised(rtp, localAddress), 1, 1);
            Request invite = requests.invite("sip:warm-up@" + Requests.hostForUri(endpoint.host()), 1, offer);
            Request parsed = endpoint.messages().createRequest(invite.toString());
            Response ok = endpoint.messages().createResponse(200, parsed);
            Sdp.parse(Sdp.answer(rtp, 2, 1, Sdp.parse(offer)));
            LOG.debug("SIP warm-up built {} bytes of INVITE and a {}", invite.toString().length(),
                    ok.getStatusCode());
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.debug("SIP warm-up: {}", e.toString());
        }
    }

    /** Ends every call, stops the keep-alive and unregisters; {@code done} runs when that is over. */
    void unregister(Runnable done) {
        calls.endAll();
        if (keepAlive != null) {
            keepAlive.stop();
        }
        if (registration != null) {
            registration.unregister(done);
        } else {
            done.run();
        }
    }

    /** Stops everything that lives on the stack, then the stack. */
    void close() {
        closed = true;
        if (keepAlive != null) {
            keepAlive.stop();
        }
        if (registration != null) {
            registration.stop();
        }
        calls.endAll();
        endpoint.close();
        logFlush.cancel(false);
        admission.close();
    }

    // ---- JAIN-SIP's callbacks, on the SIP thread -----------------------------------------------------------

    @Override
    public void processRequest(RequestEvent event) {
        if (closed || calls.onRequest(event)) {
            return;
        }
        if (Request.OPTIONS.equals(event.getRequest().getMethod())) {
            responder.options(event);
        } else {
            responder.refuse(event, Response.METHOD_NOT_ALLOWED);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (closed || cseq == null) {
            return;
        }
        if (Request.REGISTER.equals(cseq.getMethod())) {
            if (registration != null) {
                registration.onResponse(event);
            }
        } else if (Request.OPTIONS.equals(cseq.getMethod())) {
            LOG.debug("keep-alive OPTIONS answered {}", response.getStatusCode());
        } else {
            calls.onResponse(event);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (closed || event.isServerTransaction()) {
            return;
        }
        ClientTransaction tx = event.getClientTransaction();
        if (tx == null) {
            return;
        }
        String method = tx.getRequest().getMethod();
        if (Request.REGISTER.equals(method)) {
            if (registration != null) {
                registration.onTimeout(tx);
            }
        } else if (Request.OPTIONS.equals(method)) {
            LOG.info("keep-alive OPTIONS not answered");
        } else {
            calls.onTimeout(tx);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        if (closed) {
            return;
        }
        LOG.warn("SIP transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
        if (registration != null) {
            registration.onTransportError(event.getHost(), event.getPort());
        }
        calls.onTransportError(event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing to release: calls and registration track their own transactions
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // nothing to release: calls end their legs on BYE, CANCEL and final responses
    }
}
