package org.hallphone.sip;

import gov.nist.core.net.AddressResolver;
import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.sip.address.Hop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host names to addresses without ever blocking the SIP thread (review F9). Lookups run on the resolver's own
 * threads with a time budget; answers are cached (positive ones until refreshed, and kept when a refresh fails, so a
 * dead DNS server does not take a working PBX away; negative ones for {@link #NEGATIVE_TTL}). The SIP thread only
 * reads the cache ({@link #cached}); a miss starts a lookup in the background. Literal addresses never touch DNS.
 * Also JAIN-SIP's {@link AddressResolver}: the stack's next hops are turned into cached literal addresses, so that the
 * stack's own {@code InetAddress.getByName} never waits for DNS either.
 */
final class Resolver implements AddressResolver, AutoCloseable {

    /** How one host name is looked up (the JDK's resolver in production; tests give a real but slow one). */
    interface Lookup {
        InetAddress[] lookup(String host) throws UnknownHostException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Resolver.class);
    /** Longest a lookup may take before it counts as failed. */
    static final Duration BUDGET = Duration.ofSeconds(3);
    /** How long a failed lookup is remembered before it is tried again. */
    static final Duration NEGATIVE_TTL = Duration.ofSeconds(30);
    /** Lookups at the same time; more fail at once (they are retried after {@link #NEGATIVE_TTL}). */
    static final int MAX_LOOKUPS = 4;
    /** Names cached at most; more (names a far end brought in) push out those nobody configured. */
    static final int MAX_NAMES = 256;
    /** How often the configured names are looked up again. */
    static final Duration REFRESH = Duration.ofMinutes(5);
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

    /** The terminal's resolver: DNS answers are one per process, like the JDK's own cache. */
    private static volatile Resolver shared;

    private final Lookup lookup;
    private final Duration budget;
    /** Runs the lookups: a few threads, no queue, so that hanging lookups can never pile up. */
    private final java.util.concurrent.ThreadPoolExecutor threads;
    /** Budgets and refreshes, apart from the lookups so that hanging lookups cannot hold them up. */
    private final ScheduledThreadPoolExecutor timer;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<List<InetAddress>>> running = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> refresh;
    /** The names given to {@link #keepResolved}: kept when the cache is full. */
    private final java.util.Set<String> configured = ConcurrentHashMap.newKeySet();
    /** Told whenever an answer or a failure is cached (see {@link #onLearned}). */
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Entry(List<InetAddress> addresses, long atNanos) {
        boolean negative() {
            return addresses.isEmpty();
        }
    }

    Resolver() {
        this(InetAddress::getAllByName, BUDGET);
    }

    Resolver(Lookup lookup, Duration budget) {
        this.lookup = lookup;
        this.budget = budget;
        this.threads = new java.util.concurrent.ThreadPoolExecutor(0, MAX_LOOKUPS, 30, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "sip-dns");
                    t.setDaemon(true);
                    return t;
                });
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-dns-timer");
            t.setDaemon(true);
            return t;
        });
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** The process-wide resolver (created at first use). */
    static Resolver shared() {
        Resolver r = shared;
        if (r == null) {
            synchronized (Resolver.class) {
                if (shared == null) {
                    shared = new Resolver();
                }
                r = shared;
            }
        }
        return r;
    }

    /** For tests: replaces the process-wide resolver (null: back to the JDK's lookups); returns the previous one. */
    static synchronized Resolver replaceShared(Resolver replacement) {
        Resolver old = shared;
        shared = replacement;
        return old;
    }

    /** True for a literal IPv4 or IPv6 address (brackets allowed), which needs no lookup. */
    static boolean isLiteral(String host) {
        String h = bare(host);
        return IPV4.matcher(h).matches() || (h.contains(":") && IPV6.matcher(h).matches());
    }

    /** The address of a literal, or null when {@code host} is a name. Never asks DNS. */
    static InetAddress literal(String host) {
        if (!isLiteral(host)) {
            return null;
        }
        try {
            return InetAddress.getByName(bare(host)); // a literal: parsed, no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * What is known about {@code host} now, without waiting: a literal's address, the cached addresses, or an empty
     * list (unknown yet or not resolvable); a miss starts a lookup in the background.
     */
    List<InetAddress> cached(String host) {
        String h = bare(host);
        if (h.isEmpty()) {
            return List.of();
        }
        InetAddress literal = literal(h);
        if (literal != null) {
            return List.of(literal);
        }
        String key = h.toLowerCase(Locale.ROOT);
        Entry e = cache.get(key);
        if (e == null || expired(e)) {
            resolve(h); // a known answer is still served meanwhile
        }
        return e == null ? List.of() : e.addresses();
    }

    /** True when a lookup of {@code host} is needed before it can be used (a name that is not cached). */
    boolean unknown(String host) {
        return literal(host) == null && !bare(host).isEmpty() && !cache.containsKey(bare(host).toLowerCase(Locale.ROOT));
    }

    /** Looks {@code host} up in the background (at most one lookup per name at a time), within the budget. */
    CompletableFuture<List<InetAddress>> resolve(String host) {
        String h = bare(host);
        InetAddress literal = literal(h);
        if (literal != null) {
            return CompletableFuture.completedFuture(List.of(literal));
        }
        String key = h.toLowerCase(Locale.ROOT);
        CompletableFuture<List<InetAddress>> result = new CompletableFuture<>();
        CompletableFuture<List<InetAddress>> earlier = running.putIfAbsent(key, result);
        if (earlier != null) {
            return earlier;
        }
        Future<?> work;
        try {
            work = threads.submit(() -> {
                try {
                    List<InetAddress> found = List.copyOf(Arrays.asList(lookup.lookup(h)));
                    remember(key, new Entry(found, System.nanoTime()));
                    result.complete(found);
                } catch (UnknownHostException | RuntimeException e) {
                    failed(key, h, e.toString());
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            running.remove(key, result);
            if (!threads.isShutdown()) {
                failed(key, h, "all " + MAX_LOOKUPS + " lookup threads are waiting for the DNS server");
            }
            result.completeExceptionally(busy);
            return result;
        }
        timer.schedule(() -> {
            if (!result.isDone()) {
                work.cancel(true);
                failed(key, h, "no answer within " + budget.toMillis() + " ms");
                result.completeExceptionally(new TimeoutException("DNS lookup of " + h + " took too long"));
            }
        }, budget.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((a, e) -> running.remove(key, result));
        return result;
    }

    /** Runs {@code then} on {@code executor} once {@code host} is resolved or its lookup failed. */
    void whenResolved(String host, Executor executor, Runnable then) {
        resolve(host).whenComplete((a, e) -> executor.execute(then));
    }

    /** Resolves {@code hosts} now and every {@link #REFRESH} from then on (configured peers, allow-list, targets). */
    void keepResolved(Collection<String> hosts) {
        List<String> names = hosts.stream().map(Resolver::bare).filter(h -> !h.isEmpty() && !isLiteral(h)).toList();
        if (names.isEmpty()) {
            return;
        }
        names.forEach(n -> configured.add(n.toLowerCase(Locale.ROOT)));
        names.forEach(this::resolve);
        ScheduledFuture<?> old = refresh;
        if (old != null) {
            old.cancel(false);
        }
        refresh = timer.scheduleWithFixedDelay(() -> names.forEach(this::resolve), REFRESH.toMillis(),
                REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits (never on the SIP thread) until the names given to {@link #keepResolved} were tried once. */
    void awaitFirstLookups(Collection<String> hosts) {
        CompletableFuture<?>[] all = hosts.stream().filter(h -> !isLiteral(h) && !bare(h).isEmpty())
                .map(h -> resolve(h).exceptionally(e -> List.of())).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(budget.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // failures and time-outs are cached as negative and logged
        }
    }

    /** The cached names that resolve to {@code address} (for the TLS peer check); never asks DNS. */
    List<String> namesFor(InetAddress address) {
        List<String> names = new java.util.ArrayList<>();
        cache.forEach((name, entry) -> {
            if (entry.addresses().contains(address)) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * Runs {@code listener} whenever an answer or a failure was cached, on a resolver thread: it must be quick and
     * may read the cache ({@link #cached}) but not wait. Until {@link #forget}.
     */
    void onLearned(Runnable listener) {
        listeners.add(listener);
    }

    void forget(Runnable listener) {
        listeners.remove(listener);
    }

    /** For tests: how many lookups are under way. */
    int lookupsUnderWay() {
        return running.size();
    }

    /** JAIN-SIP's next hop with a cached literal address; a name not resolved yet fails at once (and is looked up). */
    @Override
    public Hop resolveAddress(Hop hop) {
        String host = hop.getHost();
        if (isLiteral(host)) {
            return hop;
        }
        List<InetAddress> addresses = cached(host);
        if (addresses.isEmpty()) {
            throw new IllegalStateException("host " + host + " is not resolved (DNS lookup under way or failed)");
        }
        return new HopImpl(addresses.get(0).getHostAddress(), hop.getPort(), hop.getTransport());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        threads.shutdownNow();
    }

    private void failed(String key, String host, String why) {
        Entry old = cache.get(key);
        if (old != null && !old.negative()) {
            LOG.warn("DNS lookup of {} failed ({}); keeping the addresses known before: {}", host, why,
                    old.addresses());
            // served as they are, and asked for again after NEGATIVE_TTL like a failure
            remember(key, new Entry(old.addresses(), System.nanoTime() - REFRESH.toNanos() + NEGATIVE_TTL.toNanos()));
            return;
        }
        if (old == null || expired(old)) {
            LOG.warn("DNS lookup of {} failed: {}", host, why);
        }
        remember(key, new Entry(List.of(), System.nanoTime()));
    }

    /** Caches an answer; names nobody configured are dropped first when the cache is full. */
    private void remember(String key, Entry entry) {
        if (!cache.containsKey(key) && cache.size() >= MAX_NAMES) {
            cache.keySet().removeIf(k -> !configured.contains(k));
        }
        cache.put(key, entry);
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a listener of DNS answers failed", e);
            }
        }
    }

    /** A failure is retried after {@link #NEGATIVE_TTL}; an answer is looked up again after {@link #REFRESH}. */
    private static boolean expired(Entry e) {
        long age = System.nanoTime() - e.atNanos();
        return age >= (e.negative() ? NEGATIVE_TTL : REFRESH).toNanos();
    }

    private static String bare(String host) {
        String h = host == null ? "" : host.strip();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
