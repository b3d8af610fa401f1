package org.hallphone.sip;

import java.util.HashSet;
import java.util.Set;
import org.hallphone.call.CallEvent.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up an attempt's first hop (the proxy, else the target's host) off the SIP thread before the attempt is
 * dialled (review F9): the SIP thread never waits for DNS. SIP thread only.
 */
final class FirstHops {

    private static final Logger LOG = LoggerFactory.getLogger(FirstHops.class);

    private final CallContext c;
    private final Resolver resolver;
    /** Attempts waiting for their first hop's name to be looked up. */
    private final Set<Long> resolving = new HashSet<>();

    FirstHops(CallContext context, Resolver resolver) {
        this.c = context;
        this.resolver = resolver;
    }

    /** True while {@code attemptId} waits for its lookup. */
    boolean waiting(long attemptId) {
        return resolving.contains(attemptId);
    }

    /**
     * Runs {@code dial} at once when the first hop towards {@code target} is known, else when its lookup ends; an
     * attempt whose first hop cannot be resolved fails instead.
     */
    void whenKnown(long attemptId, String target, Runnable dial) {
        String hop = !c.config().account().proxy().isEmpty() ? HostPort.parse(c.config().account().proxy(), 0).bareHost()
                : LocalAddress.hostOf(target);
        if (!resolver.unknown(hop)) {
            dial.run();
            return;
        }
        resolving.add(attemptId);
        LOG.info("attempt {}: looking up {} first", attemptId, hop);
        resolver.whenResolved(hop, c.thread(), () -> {
            if (resolving.remove(attemptId)) {
                if (resolver.cached(hop).isEmpty()) {
                    c.fail(attemptId, 0, Failure.NETWORK, "cannot resolve " + hop + " (DNS)");
                } else {
                    dial.run();
                }
            }
        });
    }

    /** The flow hung up: true when the attempt was still waiting (it is dropped and never dialled). */
    boolean drop(long attemptId) {
        if (resolving.remove(attemptId)) {
            LOG.info("attempt {}: hang-up while its host was being looked up; not dialled", attemptId);
            return true;
        }
        return false;
    }

    /** The stack is stopping: no attempt waits any more. */
    void clear() {
        resolving.clear();
    }
}
