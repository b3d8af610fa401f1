package org.hallphone.sip;

import gov.nist.javax.sip.SipStackImpl;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.hallphone.config.SipConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running JAIN-SIP stack bound to one local address, port and transport, with its factories. The stack is
 * built directly rather than through {@link SipFactory#createSipStack}, which would keep every stack ever made.
 */
record SipEndpoint(SipStack stack, SipProvider provider, ListeningPoint listeningPoint, AddressFactory addresses,
                   HeaderFactory headers, MessageFactory messages, String transport, List<Thread> eventThreads) {

    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);
    private static final AtomicInteger STACKS = new AtomicInteger();

    /** How long a TCP/TLS peer may take to deliver a whole message once it started (ms). */
    static final int READ_TIMEOUT_MS = 5_000;
    /** Caps on transactions so that a flood cannot exhaust memory; a kiosk has one call at a time. */
    static final int MAX_TRANSACTIONS = 200;
    /**
     * Accepted TCP/TLS connections at most. JAIN-SIP 1.3.0-91's blocking processor keeps a thread per connection and
     * stops accepting at this many (the kernel's backlog holds the rest), so idle connections can no longer use up
     * the threads and memory the calls need. Its NIO processor would close idle connections
     * ({@code NIO_MAX_SOCKET_IDLE_TIME}) but ignores this cap (checked in its bytecode), which leaves file
     * descriptors, and with them the RTP sockets, open to exhaustion: the cap is the safer of the two. The
     * firewall (TCP/TLS only from the PBX) does the rest.
     */
    static final int MAX_CONNECTIONS = 32;

    /** Starts a stack named after {@code purpose}, bound to {@code local}:{@code port} over {@code transport}. */
    static SipEndpoint open(String purpose, SipConfig sip, SipConfig.Transport transport, InetAddress local,
                            int port, SipListener listener) throws SipException {
        return open(purpose, sip, transport, local, port, listener, null);
    }

    /**
     * Like {@link #open(String, SipConfig, SipConfig.Transport, InetAddress, int, SipListener)}, with
     * {@code admission} deciding about every incoming request before the stack makes a transaction for it.
     */
    static SipEndpoint open(String purpose, SipConfig sip, SipConfig.Transport transport, InetAddress local,
                            int port, SipListener listener, Admission admission) throws SipException {
        Properties p = new Properties();
        String name = purpose + "-" + STACKS.incrementAndGet();
        p.setProperty("javax.sip.STACK_NAME", name);
        if (admission != null) {
            AdmissionValve.register(name, admission);
            p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", AdmissionValve.class.getName());
        }
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLog.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", WireLog.class.getName());
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(sip.incoming().maxMessageBytes()));
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", Integer.toString(READ_TIMEOUT_MS));
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", Integer.toString(MAX_TRANSACTIONS));
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", Integer.toString(MAX_TRANSACTIONS));
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(MAX_CONNECTIONS));
        p.setProperty("gov.nist.javax.sip.CANCEL_CLIENT_TRANSACTION_CHECKED", "true");
        TlsSettings.apply(sip, p);
        synchronized (SipEndpoint.class) {
            try {
                return open(p, transport, local, port, listener);
            } catch (SipException | RuntimeException e) {
                AdmissionValve.unregister(name);
                throw e;
            }
        }
    }

    private static SipEndpoint open(Properties p, SipConfig.Transport transport, InetAddress local, int port,
                                    SipListener listener) throws SipException {
        // the stack's event-scanner thread is started by its constructor: note which one is ours (see close())
        Set<Thread> before = eventScanners();
        SipStack stack;
        try {
            stack = new SipStackImpl(p);
        } catch (PeerUnavailableException e) {
            throw new SipException("cannot create SIP stack: " + e.getMessage(), e);
        }
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            ListeningPoint lp = stack.createListeningPoint(local.getHostAddress(),
                    port > 0 ? port : freePort(local, transport),
                    transport.name().toLowerCase(Locale.ROOT));
            SipProvider provider = stack.createSipProvider(lp);
            provider.addSipListener(listener);
            stack.start();
            Set<Thread> after = eventScanners();
            after.removeAll(before);
            List<Thread> eventThreads = List.copyOf(after);
            return new SipEndpoint(stack, provider, lp, factory.createAddressFactory(), factory.createHeaderFactory(),
                    factory.createMessageFactory(), transport.name().toLowerCase(Locale.ROOT), eventThreads);
        } catch (Exception e) {
            stack.stop();
            Set<Thread> after = eventScanners();
            after.removeAll(before);
            after.forEach(Thread::interrupt);
            throw e instanceof SipException se ? se : new SipException(e.getMessage(), e);
        }
    }

    /** JAIN-SIP cannot bind port 0: ask the OS for a free one first (tests, {@code sip.local-port=0}). */
    private static int freePort(InetAddress local, SipConfig.Transport transport) throws java.io.IOException {
        for (int tries = 0; tries < 20; tries++) {
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(new java.net.InetSocketAddress(local, 0))) {
                int candidate = udp.getLocalPort();
                if (transport == SipConfig.Transport.UDP) {
                    return candidate;
                }
                try (java.net.ServerSocket tcp = new java.net.ServerSocket(candidate, 1, local)) {
                    return tcp.getLocalPort();
                } catch (java.io.IOException taken) {
                    // try another
                }
            }
        }
        throw new java.io.IOException("no free port on " + local);
    }

    String host() {
        return listeningPoint.getIPAddress();
    }

    int port() {
        return listeningPoint.getPort();
    }

    /** Stops the stack and its threads (including JAIN-SIP's non-daemon event scanner and timer). */
    void close() {
        try {
            stack.deleteSipProvider(provider);
            stack.deleteListeningPoint(listeningPoint);
        } catch (ObjectInUseException | RuntimeException e) {
            LOG.debug("releasing the SIP provider: {}", e.toString());
        }
        stack.stop();
        AdmissionValve.unregister(stack.getStackName());
        // JAIN-SIP 1.3's stop() marks its event scanner stopped but leaves the (non-daemon) thread blocked in
        // take(); an interrupt lets it see the mark and end
        for (Thread t : eventThreads) {
            t.interrupt();
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Set<Thread> eventScanners() {
        Set<Thread> found = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("EventScanner")) {
                found.add(t);
            }
        }
        return found;
    }
}
