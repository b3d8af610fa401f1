package org.hallphone.sip;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.hallphone.call.CallEvent;
import org.hallphone.call.CallEvent.Failure;
import org.hallphone.config.SipConfig;
import org.hallphone.media.MediaSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the call code on one running stack shares: the endpoint, the responder, where media sessions come from,
 * where events go, the SIP thread, the configuration, the local address and the table of call legs.
 */
record CallContext(SipEndpoint endpoint, Responder responder, MediaSessions mediaSessions,
                   Consumer<CallEvent> events, ScheduledExecutorService thread, SipConfig config,
                   InetAddress localAddress, LegTable legs) {

    private static final Logger LOG = LoggerFactory.getLogger(CallContext.class);

    /** Reports an attempt failed (no Retry-After) and logs why. */
    void fail(long attemptId, int status, Failure kind, String cause) {
        LOG.info("attempt {}: {}", attemptId, cause);
        events.accept(new CallEvent.AttemptFailed(attemptId, status, kind, Duration.ZERO, cause));
    }
}
