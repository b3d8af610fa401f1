package org.hallphone.sip;

import gov.nist.javax.sip.ListeningPointExt;
import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import org.hallphone.config.SipConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps NAT bindings open over UDP: every {@code sip.keepalive-s} a CRLF pair (RFC 5626 §3.5.1) or an OPTIONS
 * request goes to the outbound proxy, else the registrar. Off for TCP/TLS and when there is no such peer.
 */
final class KeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAlive.class);

    private final ScheduledFuture<?> task;

    private KeepAlive(ScheduledFuture<?> task) {
        this.task = task;
    }

    /** Starts keep-alives when they apply; returns null when they do not. */
    static KeepAlive start(SipEndpoint endpoint, Requests requests, SipConfig sip, ScheduledExecutorService thread,
                           Resolver resolver) {
        long periodMs = sip.keepAlive().period().toMillis();
        SipConfig.Account account = sip.account();
        HostPort peer = HostPort.parse(!account.proxy().isEmpty() ? account.proxy() : account.registrar(), 5060);
        if (periodMs <= 0 || peer.isEmpty() || sip.transport() != SipConfig.Transport.UDP) {
            return null;
        }
        HostPort target = new HostPort(peer.host(), peer.port() > 0 ? peer.port() : 5060);
        Runnable send = sip.keepAlive().method() == SipConfig.KeepAliveMethod.OPTIONS
                ? () -> sendOptions(endpoint, requests, target)
                : () -> sendCrlf(endpoint, target, resolver);
        LOG.info("keep-alive: {} to {} every {} s", sip.keepAlive().method(), target.uriPart(), periodMs / 1000);
        return new KeepAlive(thread.scheduleWithFixedDelay(send, periodMs, periodMs, TimeUnit.MILLISECONDS));
    }

    void stop() {
        task.cancel(false);
    }

    private static void sendCrlf(SipEndpoint endpoint, HostPort target, Resolver resolver) {
        List<InetAddress> known = resolver.cached(target.bareHost());
        if (known.isEmpty()) {
            LOG.info("keep-alive to {} skipped: the name is not resolved (DNS)", target.uriPart());
            return;
        }
        try {
            String address = known.get(0).getHostAddress();
            ((ListeningPointExt) endpoint.listeningPoint()).sendHeartbeat(address, target.port());
        } catch (IOException | RuntimeException e) {
            LOG.info("keep-alive to {} failed: {}", target.uriPart(), e.getMessage());
        }
    }

    private static void sendOptions(SipEndpoint endpoint, Requests requests, HostPort target) {
        try {
            endpoint.provider().getNewClientTransaction(requests.options(target)).sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.info("keep-alive OPTIONS to {} failed: {}", target.uriPart(), e.getMessage());
        }
    }
}
