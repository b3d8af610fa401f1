package org.hallphone.sip;

import java.text.ParseException;
import java.time.Duration;
import java.util.ListIterator;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.call.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the terminal registered (RFC 3261 §10): REGISTER with digest credentials, refresh at 90 % of the granted
 * expiry, 423 Min-Expires, a cap on challenges so that a wrong password never loops, and randomised exponential
 * back-off after failures. Confined to the SIP thread.
 */
final class Registration {

    /** Reports a change: registered or not, and why not. */
    interface Listener {
        void changed(boolean registered, String cause);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Registration.class);
    /** Refresh when this share of the granted expiry has passed. */
    static final double REFRESH_AT = 0.9;
    /** How long an un-REGISTER may take at shutdown before the stack stops anyway (ms). */
    static final long UNREGISTER_WAIT_MS = 2_000;

    private final SipEndpoint endpoint;
    private final Requests requests;
    private final DigestAuth auth;
    private final HostPort registrar;
    private final ScheduledExecutorService thread;
    private final Backoff backoff;
    private final Listener listener;
    private final String callId = Requests.newCallId();
    private long cseq;
    private int requestedExpiry;
    private final AuthTries tries = new AuthTries();
    private int failures;
    private boolean stopped;
    private Boolean registered;
    private String lastCause = "";
    private ClientTransaction pending;
    private ScheduledFuture<?> next;
    private Runnable onUnregistered;
    /** T1 for REGISTER transactions in ms (0: the stack's 500 ms), see RFC 3261 §17.1.2.2. */
    private final int t1Ms;
    /** Runs on every confirmed REGISTER (refreshes included). */
    private final Runnable confirmed;

    Registration(SipEndpoint endpoint, Requests requests, DigestAuth auth, HostPort registrar, Duration expiry,
                 ScheduledExecutorService thread, Backoff backoff, int t1Ms, Listener listener, Runnable confirmed) {
        this.endpoint = endpoint;
        this.requests = requests;
        this.auth = auth;
        this.registrar = registrar;
        this.thread = thread;
        this.backoff = backoff;
        this.t1Ms = t1Ms;
        this.listener = listener;
        this.confirmed = confirmed;
        this.requestedExpiry = (int) Math.max(1, expiry.toSeconds());
        // a fresh random Contact user for this registration: call-backs over UDP must be addressed to it
        requests.useRegisteredContactUser(Ids.contactUser());
    }

    void start() {
        send(requestedExpiry, null);
    }

    /** Sends REGISTER with Expires 0 and runs {@code done} when it is answered (or at once if not registered). */
    void unregister(Runnable done) {
        cancelTimer();
        stopped = true;
        if (!Boolean.TRUE.equals(registered)) {
            done.run();
            return;
        }
        onUnregistered = done;
        tries.resetAnswers();
        send(0, null);
        thread.schedule(this::unregisteredOrGaveUp, UNREGISTER_WAIT_MS, TimeUnit.MILLISECONDS);
    }

    /** Stops refreshing (the stack is going away). */
    void stop() {
        stopped = true;
        cancelTimer();
        unregisteredOrGaveUp();
    }

    private void unregisteredOrGaveUp() {
        Runnable done = onUnregistered;
        onUnregistered = null;
        if (done != null) {
            done.run();
        }
    }

    private void send(int expires, Response challenge) {
        try {
            Request register = requests.register(registrar, callId, ++cseq, expires);
            if (challenge != null) {
                auth.authorize(register, challenge, endpoint.headers());
            }
            ClientTransaction tx = endpoint.provider().getNewClientTransaction(register);
            if (t1Ms > 0) {
                tx.setRetransmitTimer(t1Ms);
            }
            pending = tx;
            tx.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            failed("cannot send REGISTER to " + registrar.uriPart() + ": " + e.getMessage(), Duration.ZERO);
        }
    }

    void onResponse(ResponseEvent event) {
        ClientTransaction tx = event.getClientTransaction();
        if (tx == null || tx != pending) {
            return;
        }
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        pending = null;
        boolean unregistering = ((ExpiresHeader) tx.getRequest().getHeader(ExpiresHeader.NAME)).getExpires() == 0;
        if (status < 300) {
            onAccepted(response, unregistering);
        } else if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
            onChallenge(response, unregistering);
        } else if (unregistering) {
            unregisteredOrGaveUp();
        } else {
            onRefused(response);
        }
    }

    /** 2xx: registered (refreshed at {@link #REFRESH_AT} of the granted expiry), or unregistered. */
    private void onAccepted(Response response, boolean unregistering) {
        tries.reset();
        if (unregistering) {
            LOG.info("unregistered from {}", registrar.uriPart());
            registered = false;
            unregisteredOrGaveUp();
            return;
        }
        if (learnedPublicAddress(response)) {
            send(requestedExpiry, null); // register the reachable contact at once
            return;
        }
        int granted = grantedExpiry(response);
        failures = 0;
        long refreshMs = Math.max(1_000, (long) (granted * 1000L * REFRESH_AT));
        if (!Boolean.TRUE.equals(registered)) {
            LOG.info("registered with {} for {} s", registrar.uriPart(), granted);
        } else {
            LOG.debug("registration refreshed for {} s", granted);
        }
        confirmed.run();
        setState(true, "");
        schedule(refreshMs, () -> send(requestedExpiry, null));
    }

    /** 401/407: answered with the credentials while {@link AuthTries} allows, else a clear failure. */
    private void onChallenge(Response response, boolean unregistering) {
        if (!auth.hasCredentials()) {
            failed("registrar " + registrar.uriPart() + " asks for a password but sip.password is empty",
                    Duration.ZERO);
            return;
        }
        if (tries.staleAnswer(DigestAuth.isStale(response)) || tries.answer()) {
            send(unregistering ? 0 : requestedExpiry, response);
            return;
        }
        tries.resetAnswers();
        failed("registrar " + registrar.uriPart() + " rejected the credentials (" + response.getStatusCode()
                + "): check sip.user, sip.auth-user and sip.password", Duration.ZERO);
    }

    /**
     * Any other final response: 423 raises the expiry asked for; the rest is a failure, retried no sooner than a
     * Retry-After asks, but within an hour at most ({@link CallMessages#retryAfter}, review F20).
     */
    private void onRefused(Response response) {
        int status = response.getStatusCode();
        tries.resetAnswers();
        if (status == Response.INTERVAL_TOO_BRIEF) {
            MinExpiresHeader min = (MinExpiresHeader) response.getHeader(MinExpiresHeader.NAME);
            if (min != null && min.getExpires() > requestedExpiry) {
                LOG.info("registrar asks for at least {} s registrations (423)", min.getExpires());
                requestedExpiry = min.getExpires();
                send(requestedExpiry, null);
                return;
            }
        }
        String what = status == Response.FORBIDDEN
                ? "registrar " + registrar.uriPart() + " forbids this account (403): check sip.user and sip.domain"
                : "registrar " + registrar.uriPart() + " refused: " + status + " " + response.getReasonPhrase();
        failed(what, CallMessages.retryAfter(response));
    }

    void onTimeout(ClientTransaction tx) {
        if (tx != pending) {
            return;
        }
        pending = null;
        if (stopped) {
            unregisteredOrGaveUp();
            return;
        }
        String hint = "tls".equals(endpoint.transport())
                ? " (over TLS: a refused certificate or host name is logged by TlsHostCheck)" : "";
        failed("registrar " + registrar.uriPart() + " does not answer" + hint, Duration.ZERO);
    }

    void onTransportError(String host, int port) {
        if (pending != null) {
            pending = null;
            failed("cannot reach registrar " + registrar.uriPart() + " (" + host + ":" + port + ")", Duration.ZERO);
        }
    }

    private void failed(String cause, Duration atLeast) {
        if (stopped) {
            unregisteredOrGaveUp();
            return;
        }
        Duration delay = backoff.delay(failures++);
        if (delay.compareTo(atLeast) < 0) {
            delay = atLeast;
        }
        if (!cause.equals(lastCause) || !Boolean.FALSE.equals(registered)) {
            LOG.warn("not registered: {}; retrying in {} s", cause, Math.max(1, delay.toSeconds()));
        } else {
            LOG.info("still not registered: {}; retrying in {} s", cause, Math.max(1, delay.toSeconds()));
        }
        setState(false, cause);
        schedule(delay.toMillis(), () -> send(requestedExpiry, null));
    }

    private void setState(boolean nowRegistered, String cause) {
        boolean changed = registered == null || registered != nowRegistered || !cause.equals(lastCause);
        registered = nowRegistered;
        lastCause = cause;
        if (changed) {
            listener.changed(nowRegistered, cause);
        }
    }

    private void schedule(long delayMs, Runnable task) {
        cancelTimer();
        if (stopped) {
            return;
        }
        next = thread.schedule(() -> {
            if (!stopped) {
                task.run();
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    /** True when the registrar saw us at another address than we advertise (NAT): Contact now uses that one. */
    private boolean learnedPublicAddress(Response response) {
        ViaHeader via = (ViaHeader) response.getHeader(ViaHeader.NAME);
        if (via == null || via.getReceived() == null) {
            return false;
        }
        int port = via.getRPort() > 0 ? via.getRPort() : endpoint.port();
        HostPort seen = new HostPort(Requests.hostForUri(via.getReceived()), port);
        HostPort advertised = requests.publicAddress() != null ? requests.publicAddress()
                : new HostPort(Requests.hostForUri(endpoint.host()), endpoint.port());
        if (seen.equals(advertised)) {
            return false;
        }
        LOG.info("the registrar sees the terminal at {} (NAT); advertising that address", seen.uriPart());
        requests.usePublicAddress(seen);
        return true;
    }

    /** The expiry the registrar granted our contact (RFC 3261 §10.2.4), else Expires, else what we asked. */
    private int grantedExpiry(Response response) {
        HostPort ours = requests.publicAddress() != null ? requests.publicAddress()
                : new HostPort(endpoint.host(), endpoint.port());
        ListIterator<?> contacts = response.getHeaders(ContactHeader.NAME);
        while (contacts.hasNext()) {
            ContactHeader c = (ContactHeader) contacts.next();
            if (c.getAddress().getURI() instanceof SipURI uri
                    && uri.getPort() == ours.port()
                    && HostPort.parse(uri.getHost(), 0).bareHost().equals(HostPort.parse(ours.host(), 0).bareHost())
                    && c.getExpires() > 0) {
                return c.getExpires();
            }
        }
        ExpiresHeader expires = (ExpiresHeader) response.getHeader(ExpiresHeader.NAME);
        if (expires != null && expires.getExpires() > 0) {
            return expires.getExpires();
        }
        return requestedExpiry;
    }
}
