package org.hallphone.sip;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sip.message.Request;
import org.hallphone.config.KioskConfig;
import org.hallphone.config.SipConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may reach the terminal, decided for every incoming request before the stack creates a transaction for it
 * (see {@link AdmissionValve}), so that unsolicited traffic costs nothing.
 *
 * <ul>
 *   <li>A call-back (an INVITE without To tag) rings only when its source is in {@code sip.allow-incoming-from}
 *       and it proves it is genuine: over UDP, whose source address anyone can forge, it must be addressed to the
 *       random Contact user of the current registration (only the registrar learns it); over TCP or TLS the
 *       source is real, since the connection needed its answer.</li>
 *   <li>Peers (the registrar, the proxy, call-back hosts and the call targets' hosts) are never rate-limited; OPTIONS
 *       is answered only to them (RFC 3261 §11 does not oblige a terminal to tell strangers what it runs).</li>
 *   <li>Everyone else has a token bucket per source ({@link SourceLimiter}); out-of-dialog requests from them
 *       are refused statelessly (403, no transaction, no retransmissions) while within budget, dropped after.
 *       In-dialog requests go on to the stack, which matches them against its dialogs.</li>
 * </ul>
 * Host names come from the terminal's {@link Resolver} (the one DNS path of the SIP adapter, which looks them up on
 * its own threads and keeps them fresh): the sets of addresses are rebuilt from its cache whenever it learns an answer,
 * so deciding never waits for DNS on the stack's or the SIP thread. Thread-safe.
 */
final class Admission implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    enum Verdict { PASS, REFUSE, DROP }

    /** What to do with a request, and why (for the log). */
    record Decision(Verdict verdict, String reason) {
        static final Decision PASS = new Decision(Verdict.PASS, "");
    }

    private final List<String> callBackHosts;
    private final List<String> peerHosts;
    private final boolean connectionTransport;
    private volatile Supplier<String> contactUser = () -> null;
    private final SourceLimiter limiter;
    private final RepeatedLog repeated = new RepeatedLog(LOG);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Set<InetAddress> callBackSources = Set.of();
    private volatile Set<InetAddress> peers = Set.of();
    private final Resolver resolver;
    /** Rebuilds the address sets from the resolver's cache; registered with the resolver between start and close. */
    private final Runnable relearn = () -> learn(false);
    private boolean started;

    Admission(List<String> callBackHosts, List<String> peerHosts, SipConfig.Transport transport,
              SourceLimiter limiter) {
        this(callBackHosts, peerHosts, transport, limiter, Resolver.shared());
    }

    Admission(List<String> callBackHosts, List<String> peerHosts, SipConfig.Transport transport,
              SourceLimiter limiter, Resolver resolver) {
        this.callBackHosts = List.copyOf(callBackHosts);
        List<String> all = new ArrayList<>(callBackHosts);
        all.addAll(peerHosts);
        this.peerHosts = List.copyOf(all);
        this.connectionTransport = transport != SipConfig.Transport.UDP;
        this.limiter = limiter;
        this.resolver = resolver;
        learn(true);
    }

    /** The terminal's rules from its configuration. */
    static Admission of(KioskConfig config) {
        SipConfig sip = config.sip();
        List<String> peers = new ArrayList<>();
        if (!sip.account().registrar().isEmpty()) {
            peers.add(sip.account().registrar());
        }
        if (!sip.account().proxy().isEmpty()) {
            peers.add(sip.account().proxy());
        }
        if (config.call() != null) {
            peers.addAll(hostsOf(config.call().targets()));
            peers.addAll(hostsOf(config.call().afterHoursTargets()));
        }
        return new Admission(sip.incoming().allowFrom(), peers, sip.transport(), new SourceLimiter());
    }

    /** Where the Contact user of the current registration is read (null while the terminal does not register). */
    void contactUserFrom(Supplier<String> contactUser) {
        this.contactUser = contactUser;
    }

    private static List<String> hostsOf(List<String> uris) {
        List<String> hosts = new ArrayList<>();
        for (String uri : uris == null ? List.<String>of() : uris) {
            String rest = uri.strip().replaceFirst("^(?i)sips?:", "");
            int at = rest.indexOf('@');
            rest = at >= 0 ? rest.substring(at + 1) : rest;
            int end = 0;
            while (end < rest.length() && ";?>".indexOf(rest.charAt(end)) < 0) {
                end++;
            }
            if (end > 0) {
                hosts.add(rest.substring(0, end));
            }
        }
        return hosts;
    }

    /**
     * Takes the host names' addresses from the resolver from now on: those it knows now, and each answer it learns
     * later (the names are the ones {@code SipPhone} keeps resolved; a name it does not know yet is looked up).
     */
    synchronized void start() {
        if (started || peerHosts.stream().allMatch(h -> Resolver.isLiteral(bare(h)))) {
            return;
        }
        started = true;
        resolver.onLearned(relearn);
        learn(false);
    }

    @Override
    public synchronized void close() {
        if (started) {
            resolver.forget(relearn);
            started = false;
        }
        repeated.flush();
    }

    /** Reports collapsed log lines whose minute is over. */
    void flushLog() {
        repeated.flush();
    }

    /** Decides about one request before any transaction exists. Any thread. */
    Decision decide(String method, boolean hasToTag, String requestUser, InetAddress source) {
        boolean peer = source != null && peers.contains(source);
        boolean outOfDialog = !hasToTag && !Request.ACK.equals(method) && !Request.CANCEL.equals(method);
        if (Request.INVITE.equals(method) && outOfDialog) {
            String why = callBackRefusal(requestUser, source);
            if (why == null) {
                return Decision.PASS;
            }
            return refuse(source, "call-back refused", why);
        }
        if (peer) {
            return Decision.PASS;
        }
        if (source == null || !limiter.allow(source)) {
            dropped.incrementAndGet();
            repeated.warn("requests dropped over the per-source rate limit",
                    "requests from {} dropped: more than {} a second (per-source rate limit)", text(source),
                    (int) SourceLimiter.PER_SECOND);
            return new Decision(Verdict.DROP, "rate limit");
        }
        if (!outOfDialog) {
            return Decision.PASS; // the stack matches it to a dialog or transaction, or answers 481 itself
        }
        if (Request.OPTIONS.equals(method)) {
            dropped.incrementAndGet();
            repeated.info("OPTIONS from strangers not answered",
                    "OPTIONS from {} not answered: not a configured peer", text(source));
            return new Decision(Verdict.DROP, "OPTIONS from a stranger");
        }
        refused.incrementAndGet();
        repeated.warn("requests from strangers refused", "{} from {} refused with 403: not a configured peer",
                method, text(source));
        return new Decision(Verdict.REFUSE, "not a configured peer");
    }

    private Decision refuse(InetAddress source, String what, String why) {
        // a refusal is answered once in a while, never at the rate it is asked for (forged sources, reflection)
        if (source == null || !limiter.allow(source)) {
            dropped.incrementAndGet();
            repeated.warn(what + " (dropped, over the rate limit)", "{} from {}: {}; dropped (rate limit)", what,
                    text(source), why);
            return new Decision(Verdict.DROP, why);
        }
        refused.incrementAndGet();
        repeated.warn(what, "{} from {} with 403: {}", what, text(source), why);
        return new Decision(Verdict.REFUSE, why);
    }

    /** Null when a new INVITE to {@code requestUser} from {@code source} may ring; else why not. */
    String callBackRefusal(String requestUser, InetAddress source) {
        if (callBackHosts.isEmpty()) {
            return "sip.allow-incoming-from is empty";
        }
        if (source == null || !callBackSources.contains(source)) {
            return "not in sip.allow-incoming-from";
        }
        if (connectionTransport) {
            return null;
        }
        String expected = contactUser.get();
        if (expected == null) {
            return "over UDP a call-back must come through the registrar (sip.registrar is empty; "
                    + "use sip.transport=tcp or tls)";
        }
        if (!expected.equals(requestUser)) {
            return "over UDP a call-back must be addressed to the registered Contact, this one was not";
        }
        return null;
    }

    /** True for the registrar, the proxy, call-back hosts and the call targets' hosts. */
    boolean isPeer(InetAddress source) {
        return source != null && peers.contains(source);
    }

    long refusedCount() {
        return refused.get();
    }

    long droppedCount() {
        return dropped.get();
    }

    /**
     * Synchronized so that answers learnt at the same time on two resolver threads cannot overwrite each other with
     * an older view of the cache: every answer is followed by a learn that sees it.
     */
    private synchronized void learn(boolean literalsOnly) {
        callBackSources = addressesOf(callBackHosts, literalsOnly);
        peers = addressesOf(peerHosts, literalsOnly);
    }

    /** The addresses known for {@code hosts} now: literals always, names from the resolver's cache. Never waits. */
    private Set<InetAddress> addressesOf(List<String> hosts, boolean literalsOnly) {
        Set<InetAddress> found = new HashSet<>();
        for (String host : hosts) {
            String bare = bare(host);
            InetAddress literal = Resolver.literal(bare);
            if (literal != null) {
                found.add(literal);
            } else if (!bare.isEmpty() && !literalsOnly) {
                found.addAll(resolver.cached(bare));
            }
        }
        return Set.copyOf(found);
    }

    private static String text(InetAddress a) {
        return a == null ? "an unknown source" : a.getHostAddress();
    }

    private static String bare(String host) {
        try {
            return HostPort.parse(host, 0).bareHost();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
