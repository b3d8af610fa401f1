package org.hallphone.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.sip.SipException;
import javax.sip.SipStack;
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
 * <p>Lifecycle: {@link #start(Consumer)} binds the stack (a {@link BoundStack}) and starts registration (a stack
 * that cannot start is retried with back-off and reported as {@link CallEvent.NetworkChanged}); {@link #close()}
 * unregisters (bounded wait), ends calls and stops the stack and all its threads.
 */
public final class SipPhone implements Telephony, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipPhone.class);
    /** How long {@link #close()} waits for the un-REGISTER and the stack to stop (ms). */
    static final long CLOSE_WAIT_MS = 3_000;
    /** How often the local address is re-checked when it is chosen automatically (ms). */
    static final long NETWORK_CHECK_MS = 10_000;

    /** Which local address reaches {@code peers} (PBX, targets) now, when {@code sip.local-address} is empty. */
    interface AddressChooser {
        InetAddress choose(List<String> peers, Resolver resolver) throws IOException;
    }

    /** What a test may watch inside the phone; the terminal watches nothing. */
    interface Probe {
        /** A REGISTER (refreshes included) was confirmed by the registrar. */
        default void registrationConfirmed() {
        }

        /** A stack was bound (again, after an address change). */
        default void stackBound(SipStack stack) {
        }
    }

    /**
     * The timers and seams a test shortens or replaces; {@link #DEFAULTS} in the field.
     *
     * @param registrationBackoff after a failed REGISTER (30 s to 30 min in the field)
     * @param registerT1Ms SIP T1 for REGISTER (0: the stack's 500 ms), so that an unanswered one times out in 64·T1
     * @param addressChooser finds the local address when {@code sip.local-address} is empty
     * @param networkCheckMs how often that address is checked again
     * @param cancelGiveUpMs how long after CANCEL an INVITE without a final response is given up (64·T1)
     * @param probe what a test watches
     */
    record Options(Backoff registrationBackoff, int registerT1Ms, AddressChooser addressChooser,
                   long networkCheckMs, long cancelGiveUpMs, Probe probe) {

        static final Options DEFAULTS = new Options(Backoff.SERVER, 0,
                (peers, resolver) -> LocalAddress.choose("", peers, resolver), NETWORK_CHECK_MS,
                OutgoingCalls.CANCEL_GIVE_UP_MS, new Probe() { });

        Options withRegistration(Backoff backoff, int t1Ms) {
            return new Options(backoff, t1Ms, addressChooser, networkCheckMs, cancelGiveUpMs, probe);
        }

        Options withAddressChooser(AddressChooser chooser, long checkMs) {
            return new Options(registrationBackoff, registerT1Ms, chooser, checkMs, cancelGiveUpMs, probe);
        }

        Options withCancelGiveUp(long ms) {
            return new Options(registrationBackoff, registerT1Ms, addressChooser, networkCheckMs, ms, probe);
        }

        Options withProbe(Probe watcher) {
            return new Options(registrationBackoff, registerT1Ms, addressChooser, networkCheckMs, cancelGiveUpMs,
                    watcher);
        }
    }

    private final KioskConfig config;
    private final SipConfig sip;
    private final MediaSessions media;
    private final Options options;
    private final Identity identity;
    private final DigestAuth auth;
    private final Resolver resolver;
    private final TrustedDomains trusted;
    private final ScheduledThreadPoolExecutor thread;
    /** Where events go; set by {@link #start(Consumer)}, before any SIP work runs. */
    private volatile Consumer<CallEvent> events =
            event -> LOG.warn("SIP phone not started; {} dropped", event.getClass().getSimpleName());

    // ---- confined to the SIP thread ----
    private BoundStack stack;
    private InetAddress localAddress;
    private ScheduledFuture<?> networkCheck;
    private int stackFailures;
    private boolean started;
    private boolean closed;

    // ---- read from any thread ----
    private volatile SipStatus status;
    private volatile int boundPort;

    public SipPhone(KioskConfig config, MediaSessions media, String version) {
        this(config, media, version, Options.DEFAULTS);
    }

    SipPhone(KioskConfig config, MediaSessions media, String version, Options options) {
        this.config = config;
        this.sip = config.sip();
        this.media = media;
        this.options = options;
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
        this.status = new SipStatus(false, "not started", "", sip.account().registrar());
    }

    /**
     * Binds the stack and starts registration, reporting to {@code events} from now on; waits for the bind so that
     * {@link #localPort()} is known.
     */
    public void start(Consumer<CallEvent> events) {
        this.events = events;
        // names of peers, allow-list and targets are looked up here, off the SIP thread, and kept fresh (F9)
        List<String> names = PeerNames.toResolve(config);
        resolver.keepResolved(names);
        resolver.awaitFirstLookups(names);
        await(submit(() -> {
            if (started || closed) {
                return;
            }
            started = true;
            if (sip.localAddress().isEmpty()) {
                networkCheck = thread.scheduleWithFixedDelay(this::checkNetwork, options.networkCheckMs(),
                        options.networkCheckMs(), TimeUnit.MILLISECONDS);
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
            if (stack != null) {
                stack.warmUp();
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
            if (stack == null) {
                events.accept(new CallEvent.AttemptFailed(attemptId, 0, CallEvent.Failure.NETWORK, Duration.ZERO,
                        "SIP stack not running: " + status.lastError()));
                return;
            }
            stack.calls().dial(attemptId, target, attemptNo);
        });
    }

    @Override
    public void hangUp(long attemptId) {
        execute(() -> {
            if (stack != null) {
                stack.calls().hangUp(attemptId);
            }
        });
    }

    @Override
    public void answer(long attemptId) {
        execute(() -> {
            if (stack != null) {
                stack.calls().answer(attemptId);
            }
        });
    }

    @Override
    public void sendDtmf(long attemptId, char digit) {
        execute(() -> {
            if (stack != null) {
                stack.calls().sendDtmf(attemptId, digit);
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
                if (stack != null) {
                    stack.unregister(() -> unregistered.complete(null));
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
            localAddress = sip.localAddress().isEmpty() ? chooseAddress()
                    : LocalAddress.choose(sip.localAddress(), List.of(), resolver);
            stack = new BoundStack(config, identity, auth, trusted, resolver, media, events, thread, localAddress,
                    options.cancelGiveUpMs());
        } catch (IOException | SipException | RuntimeException e) {
            stackFailures++;
            Duration retry = Backoff.SERVER.delay(stackFailures - 1);
            String cause = "SIP stack cannot start on " + describeBind() + ": " + e.getMessage();
            LOG.error("{}; retrying in {} s", cause, retry.toSeconds());
            status = new SipStatus(false, cause, "", sip.account().registrar());
            events.accept(new CallEvent.NetworkChanged(false, cause));
            thread.schedule(this::startStack, retry.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        stackFailures = 0;
        boundPort = stack.port();
        options.probe().stackBound(stack.stack());
        String contact = stack.contact();
        LOG.info("SIP listening on {} as {}@{}", contact, identity.user(),
                identity.domain().isEmpty() ? stack.host() : identity.domain());
        status = new SipStatus(!sip.registers(), "", contact, sip.account().registrar());
        events.accept(new CallEvent.NetworkChanged(true, ""));
        if (sip.registers()) {
            stack.startRegistration(auth, options.registrationBackoff(), options.registerT1Ms(),
                    this::registrationChanged, options.probe()::registrationConfirmed);
        } else {
            events.accept(new CallEvent.RegistrationChanged(true, ""));
        }
        stack.startKeepAlive();
    }

    private void stopStack() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
        boundPort = 0;
    }

    private InetAddress chooseAddress() throws IOException {
        return options.addressChooser().choose(PeerNames.toReach(config), resolver);
    }

    /** Re-binds and re-registers at once when the automatically chosen local address changed. */
    private void checkNetwork() {
        if (closed || stack == null) {
            return;
        }
        InetAddress now;
        try {
            now = chooseAddress();
        } catch (IOException e) {
            return; // no network at all: keep the old binding; registration reports the failure
        }
        if (!now.equals(localAddress) && stack.calls().activeLegs() == 0) {
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
}
