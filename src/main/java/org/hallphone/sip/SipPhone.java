package org.hallphone.sip;

import gov.nist.javax.sip.SipStackExt;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.Backoff;
import org.hallphone.call.CallEvent;
import org.hallphone.call.Telephony;
import org.hallphone.config.KioskConfig;
import org.hallphone.config.SipConfig;
import org.hallphone.media.MediaSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's SIP user agent: carries out the call flow's commands ({@link Telephony}) and reports what
 * happens as {@link CallEvent}s. All SIP work runs on one thread ("sip-phone"); JAIN-SIP's callbacks are
 * handed to it, so no state is shared between threads. Commands never block the caller.
 *
 * <p>Lifecycle: {@link #start()} binds the stack and starts registration (a stack that cannot start is retried
 * with back-off and reported as {@link CallEvent.NetworkChanged}); {@link #close()} unregisters (bounded wait),
 * ends calls and stops the stack and all its threads.
 */
public final class SipPhone implements Telephony, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipPhone.class);
    /** How long {@link #close()} waits for the un-REGISTER and the stack to stop (ms). */
    static final long CLOSE_WAIT_MS = 3_000;
    /** How often the local address is re-checked when it is chosen automatically (ms). */
    static final long NETWORK_CHECK_MS = 10_000;

    private final KioskConfig config;
    private final SipConfig sip;
    private final MediaSessions media;
    private final Consumer<CallEvent> events;
    private final Identity identity;
    private final DigestAuth auth;
    private final Resolver resolver;
    private final TrustedDomains trusted;
    private final ScheduledThreadPoolExecutor thread;
    private final Backoff stackBackoff;
    private Backoff registrationBackoff;
    private int registerT1Ms;
    private AddressChooser addressChooser = () -> LocalAddress.choose("", peersToReach(), resolver());
    private long networkCheckMs = NETWORK_CHECK_MS;
    private long cancelGiveUpMs = Calls.CANCEL_GIVE_UP_MS;
    private final AtomicInteger registrationsConfirmed = new AtomicInteger();

    // ---- confined to the SIP thread ----
    private SipEndpoint endpoint;
    private Requests requests;
    private Responder responder;
    private Calls calls;
    private Registration registration;
    private KeepAlive keepAlive;
    private Admission admission;
    private ScheduledFuture<?> logFlush;
    private InetAddress localAddress;
    private ScheduledFuture<?> networkCheck;
    private int stackFailures;
    private boolean started;
    private boolean closed;

    // ---- read from any thread ----
    private volatile SipStatus status;
    private volatile int boundPort;

    public SipPhone(KioskConfig config, MediaSessions media, Consumer<CallEvent> events, String version) {
        this.config = config;
        this.sip = config.sip();
        this.media = media;
        this.events = events;
        this.identity = Identity.of(config, version);
        this.resolver = Resolver.shared();
        this.trusted = TrustedDomains.of(config);
        TlsPeerCheck.trust(trusted);
        this.auth = new DigestAuth(identity.authUser(), sip.account().password(), trusted);
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-phone");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.stackBackoff = Backoff.SERVER;
        this.registrationBackoff = Backoff.SERVER;
        this.status = new SipStatus(false, "not started", "", sip.account().registrar());
    }

    /**
     * For tests: a registration back-off shorter than the field's 30 s to 30 min, and a shorter SIP T1 for REGISTER
     * so that an unanswered one times out (64·T1) in seconds. Call before {@link #start()}.
     */
    void setRegistrationTimers(Backoff backoff, int t1Ms) {
        this.registrationBackoff = backoff;
        this.registerT1Ms = t1Ms;
    }

    /** Which local address reaches the PBX now (when {@code sip.local-address} is empty). */
    interface AddressChooser {
        InetAddress choose() throws IOException;
    }

    /** For tests: another way to find the local address, checked every {@code checkMs}. Call before start. */
    void setAddressChooser(AddressChooser chooser, long checkMs) {
        this.addressChooser = chooser;
        this.networkCheckMs = checkMs;
    }

    /** For tests: how long after CANCEL an INVITE without a final response is given up (64·T1 in the field). */
    void setCancelGiveUp(long ms) {
        this.cancelGiveUpMs = ms;
    }

    private Resolver resolver() {
        return resolver;
    }

    /** For tests: dialogs the stack still holds (leak check). */
    int openDialogs() {
        CompletableFuture<Integer> n = new CompletableFuture<>();
        execute(() -> n.complete(endpoint == null ? 0 : ((SipStackExt) endpoint.stack()).getDialogs().size()));
        try {
            return n.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    /** For tests: how many REGISTERs (refreshes included) the registrar confirmed. */
    int registrationsConfirmed() {
        return registrationsConfirmed.get();
    }

    /** Binds the stack and starts registration; waits for the bind so that {@link #localPort()} is known. */
    public void start() {
        // names of peers, allow-list and targets are looked up here, off the SIP thread, and kept fresh (F9)
        List<String> names = namesToResolve();
        resolver.keepResolved(names);
        resolver.awaitFirstLookups(names);
        await(submit(() -> {
            if (started || closed) {
                return;
            }
            started = true;
            if (sip.localAddress().isEmpty()) {
                networkCheck = thread.scheduleWithFixedDelay(this::checkNetwork, networkCheckMs,
                        networkCheckMs, TimeUnit.MILLISECONDS);
            }
            startStack();
        }), "start");
    }

    /**
     * Builds a first call's messages once without sending anything (the SDP offer, the INVITE carrying it, that
     * INVITE parsed back as a received one would be, and a 200 answer to it), on the SIP thread, so that the first
     * patient of the day does not wait for this code to be loaded and compiled. Does nothing while the stack is
     * down.
     */
    public void warmUp() {
        await(submit(() -> {
            if (requests == null || endpoint == null) {
                return;
            }
            try {
                InetSocketAddress rtp = new InetSocketAddress(localAddress, 49170);
                String offer = Sdp.offer(Sdp.advertised(rtp, localAddress), 1, 1);
                Request invite = requests.invite("sip:warm-up@" + Requests.hostForUri(endpoint.host()), 1, offer);
                Request parsed = endpoint.messages().createRequest(invite.toString());
                Response ok = endpoint.messages().createResponse(200, parsed);
                Sdp.parse(Sdp.answer(rtp, 2, 1, Sdp.parse(offer)));
                LOG.debug("SIP warm-up built {} bytes of INVITE and a {}", invite.toString().length(),
                        ok.getStatusCode());
            } catch (java.text.ParseException | javax.sip.InvalidArgumentException | RuntimeException e) {
                LOG.debug("SIP warm-up: {}", e.toString());
            }
        }), "warm-up");
    }

    /** The bound SIP port (useful with {@code sip.local-port=0}); 0 while the stack is not running. */
    public int localPort() {
        return boundPort;
    }

    /** Registration and transport status for the service screen. */
    public SipStatus status() {
        return status;
    }

    @Override
    public void dial(long attemptId, String target, int attemptNo) {
        execute(() -> {
            if (calls == null) {
                events.accept(new CallEvent.AttemptFailed(attemptId, 0, CallEvent.Failure.NETWORK, Duration.ZERO,
                        "SIP stack not running: " + status.lastError()));
                return;
            }
            calls.dial(attemptId, target, attemptNo);
        });
    }

    @Override
    public void hangUp(long attemptId) {
        execute(() -> {
            if (calls != null) {
                calls.hangUp(attemptId);
            }
        });
    }

    @Override
    public void answer(long attemptId) {
        execute(() -> {
            if (calls != null) {
                calls.answer(attemptId);
            }
        });
    }

    @Override
    public void sendDtmf(long attemptId, char digit) {
        execute(() -> {
            if (calls != null) {
                calls.sendDtmf(attemptId, digit);
            }
        });
    }

    /** Unregisters (best effort, bounded), ends calls and stops the stack and the SIP thread. Idempotent. */
    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        CompletableFuture<Void> unregistered = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                closed = true;
                if (networkCheck != null) {
                    networkCheck.cancel(false);
                }
                if (calls != null) {
                    calls.endAll();
                }
                if (keepAlive != null) {
                    keepAlive.stop();
                }
                if (registration != null) {
                    registration.unregister(() -> unregistered.complete(null));
                } else {
                    unregistered.complete(null);
                }
            });
            unregistered.get(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("un-REGISTER not confirmed within {} ms; stopping anyway", CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.debug("closing: {}", e.toString());
        }
        try {
            await(submit(this::stopStack), "stop");
        } catch (RejectedExecutionException e) {
            LOG.debug("closing: {}", e.toString());
        }
        thread.shutdownNow();
        try {
            thread.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- stack lifecycle (SIP thread) ----------------------------------------------------------------------

    private void startStack() {
        if (closed) {
            return;
        }
        try {
            localAddress = sip.localAddress().isEmpty() ? addressChooser.choose()
                    : LocalAddress.choose(sip.localAddress(), List.of(), resolver);
            admission = Admission.of(config);
            admission.start();
            endpoint = SipEndpoint.open("hallphone", sip, sip.transport(), localAddress, sip.localPort(),
                    new ListenerOnThread(thread, new Handler()), admission);
        } catch (IOException | SipException | RuntimeException e) {
            if (admission != null) {
                admission.close();
                admission = null;
            }
            stackFailures++;
            Duration retry = stackBackoff.delay(stackFailures - 1);
            String cause = "SIP stack cannot start on " + describeBind() + ": " + e.getMessage();
            LOG.error("{}; retrying in {} s", cause, retry.toSeconds());
            status = new SipStatus(false, cause, "", sip.account().registrar());
            events.accept(new CallEvent.NetworkChanged(false, cause));
            thread.schedule(this::startStack, retry.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        stackFailures = 0;
        boundPort = endpoint.port();
        // the stack's next hops come from the resolver's cache: JAIN-SIP never waits for DNS on this thread
        ((SipStackExt) endpoint.stack()).setAddressResolver(resolver);
        HostPort proxy = HostPort.parse(sip.account().proxy(), 0);
        requests = new Requests(endpoint, identity, proxy);
        admission.contactUserFrom(requests::registeredContactUser);
        Admission gate = admission;
        logFlush = thread.scheduleWithFixedDelay(gate::flushLog, 60, 60, TimeUnit.SECONDS);
        responder = new Responder(endpoint, requests);
        calls = new Calls(endpoint, requests, responder, auth, media, events, thread, sip, localAddress, resolver,
                trusted);
        calls.setCancelGiveUp(cancelGiveUpMs);
        String contact = Requests.hostForUri(endpoint.host()) + ":" + endpoint.port() + ";transport="
                + endpoint.transport();
        LOG.info("SIP listening on {} as {}@{}", contact, identity.user(),
                identity.domain().isEmpty() ? endpoint.host() : identity.domain());
        status = new SipStatus(!sip.registers(), "", contact, sip.account().registrar());
        events.accept(new CallEvent.NetworkChanged(true, ""));
        if (sip.registers()) {
            registration = new Registration(endpoint, requests, auth, HostPort.parse(sip.account().registrar(), 0),
                    sip.account().registerExpiry(), thread, registrationBackoff, this::registrationChanged);
            registration.setRetransmitTimer(registerT1Ms);
            registration.onConfirmed(registrationsConfirmed::incrementAndGet);
            registration.start();
        } else {
            events.accept(new CallEvent.RegistrationChanged(true, ""));
        }
        keepAlive = KeepAlive.start(endpoint, requests, sip, thread, resolver);
    }

    private void stopStack() {
        if (keepAlive != null) {
            keepAlive.stop();
            keepAlive = null;
        }
        if (registration != null) {
            registration.stop();
            registration = null;
        }
        if (calls != null) {
            calls.endAll();
            calls = null;
        }
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
        if (logFlush != null) {
            logFlush.cancel(false);
            logFlush = null;
        }
        if (admission != null) {
            admission.close();
            admission = null;
        }
        boundPort = 0;
    }

    /** Re-binds and re-registers at once when the automatically chosen local address changed. */
    private void checkNetwork() {
        if (closed || endpoint == null) {
            return;
        }
        InetAddress now;
        try {
            now = addressChooser.choose();
        } catch (IOException e) {
            return; // no network at all: keep the old binding; registration reports the failure
        }
        if (!now.equals(localAddress) && (calls == null || calls.activeLegs() == 0)) {
            LOG.info("local address changed from {} to {}: re-binding and re-registering", localAddress, now);
            stopStack();
            startStack();
        }
    }

    private void registrationChanged(boolean registered, String cause) {
        SipStatus s = status;
        status = new SipStatus(registered, cause, s.localContact(), s.registrar());
        events.accept(new CallEvent.RegistrationChanged(registered, cause));
    }

    private List<String> peersToReach() {
        List<String> peers = new ArrayList<>();
        if (!sip.account().proxy().isEmpty()) {
            peers.add(sip.account().proxy());
        }
        if (!sip.account().registrar().isEmpty()) {
            peers.add(sip.account().registrar());
        }
        peers.addAll(config.call().targets());
        return peers;
    }

    private List<String> namesToResolve() {
        List<String> names = new ArrayList<>();
        for (String peer : peersToReach()) {
            names.add(LocalAddress.hostOf(peer));
        }
        config.call().afterHoursTargets().forEach(t -> names.add(LocalAddress.hostOf(t)));
        sip.incoming().allowFrom().forEach(h -> names.add(LocalAddress.hostOf(h)));
        if (!sip.localAddress().isEmpty()) {
            names.add(sip.localAddress());
        }
        return names;
    }

    private String describeBind() {
        return (sip.localAddress().isEmpty() ? "(automatic address)" : sip.localAddress()) + ":" + sip.localPort()
                + "/" + sip.transport();
    }

    private void execute(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("SIP task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("SIP phone closed; command dropped");
        }
    }

    private CompletableFuture<Void> submit(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                LOG.error("SIP task failed", e);
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static void await(CompletableFuture<Void> future, String what) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("SIP {} failed: {}", what, e.toString());
        }
    }

    /** JAIN-SIP's callbacks, already moved to the SIP thread by {@link ListenerOnThread}. */
    private final class Handler implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            if (calls == null) {
                return;
            }
            Request request = event.getRequest();
            if (calls.onRequest(event)) {
                return;
            }
            if (Request.OPTIONS.equals(request.getMethod())) {
                responder.options(event);
            } else {
                responder.refuse(event, Response.METHOD_NOT_ALLOWED);
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            Response response = event.getResponse();
            CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
            if (cseq == null) {
                return;
            }
            if (Request.REGISTER.equals(cseq.getMethod())) {
                if (registration != null) {
                    registration.onResponse(event);
                }
            } else if (Request.OPTIONS.equals(cseq.getMethod())) {
                LOG.debug("keep-alive OPTIONS answered {}", response.getStatusCode());
            } else if (calls != null) {
                calls.onResponse(event);
            }
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
            if (event.isServerTransaction()) {
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
            } else if (calls != null) {
                calls.onTimeout(tx);
            }
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
            LOG.warn("SIP transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
            if (registration != null) {
                registration.onTransportError(event.getHost(), event.getPort());
            }
            if (calls != null) {
                calls.onTransportError(event.getHost(), event.getPort());
            }
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
}
