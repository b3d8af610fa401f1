package org.hallphone.demo;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TooManyListenersException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.sip.StackLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo centre's own JAIN-SIP stack over UDP: requests are handed to one executor (the demo thread), and
 * responses are built and sent here. Separate from the terminal's stack on purpose: the demo is a peer of the
 * terminal, and shares only the stack's log adapter ({@link StackLog}, public because JAIN-SIP loads it by name).
 */
final class DemoStack implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(DemoStack.class);
    private static int stacks;

    private final Executor thread;
    private final Consumer<RequestEvent> onRequest;
    private SipStack stack;
    private SipProvider provider;
    private ListeningPoint listeningPoint;
    private AddressFactory addresses;
    private HeaderFactory headers;
    private MessageFactory messages;
    /** The stack's event scanner, which JAIN-SIP 1.3 leaves blocked after stop() unless interrupted. */
    private Set<Thread> scanners = Set.of();

    private DemoStack(Executor thread, Consumer<RequestEvent> onRequest) {
        this.thread = thread;
        this.onRequest = onRequest;
    }

    /** A stack bound to {@code bind}:{@code port} (0: a free port) whose requests run on {@code thread}. */
    static DemoStack open(InetAddress bind, int port, Executor thread, Consumer<RequestEvent> onRequest)
            throws SipException {
        DemoStack s = new DemoStack(thread, onRequest);
        Properties p = new Properties();
        synchronized (DemoStack.class) {
            p.setProperty("javax.sip.STACK_NAME", "demo-centre-" + ++stacks);
        }
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLog.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
        Set<Thread> before = scannerThreads();
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        s.stack = factory.createSipStack(p);
        try {
            s.listeningPoint = s.stack.createListeningPoint(bind.getHostAddress(), port > 0 ? port : freePort(bind),
                    ListeningPoint.UDP);
            s.provider = s.stack.createSipProvider(s.listeningPoint);
            s.provider.addSipListener(s);
            s.addresses = factory.createAddressFactory();
            s.headers = factory.createHeaderFactory();
            s.messages = factory.createMessageFactory();
            s.stack.start();
        } catch (SipException e) {
            s.close();
            throw e;
        } catch (InvalidArgumentException | TooManyListenersException | SocketException | RuntimeException e) {
            s.close();
            throw new SipException(e.getMessage(), e);
        } finally {
            Set<Thread> ours = scannerThreads();
            ours.removeAll(before);
            s.scanners = ours;
        }
        return s;
    }

    int port() {
        return listeningPoint.getPort();
    }

    SipProvider provider() {
        return provider;
    }

    /** The request's server transaction, made now when the stack did not; null when it cannot be made. */
    ServerTransaction transactionOf(RequestEvent event) {
        try {
            return event.getServerTransaction() != null ? event.getServerTransaction()
                    : provider.getNewServerTransaction(event.getRequest());
        } catch (SipException | RuntimeException e) {
            LOG.debug("demo centre: no transaction for {}: {}", event.getRequest().getMethod(), e.toString());
            return null;
        }
    }

    void reply(ServerTransaction tx, Request request, int status) {
        reply(tx, request, status, null, null);
    }

    /** Answers {@code request} with {@code status}, our To tag, a Contact on 1xx/2xx to INVITE, and {@code sdp}. */
    void reply(ServerTransaction tx, Request request, int status, String toTag, String sdp) {
        try {
            Response response = messages.createResponse(status, request);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (toTag != null && to.getTag() == null) {
                to.setTag(toTag);
            }
            if (status < 300 && Request.INVITE.equals(request.getMethod())) {
                SipURI contact = addresses.createSipURI("centre", uriHost(InetAddress.getByName(
                        listeningPoint.getIPAddress())));
                contact.setPort(port());
                response.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
            }
            if (sdp != null) {
                response.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            }
            if (tx != null) {
                tx.sendResponse(response);
            } else {
                provider.sendResponse(response);
            }
        } catch (ParseException | SipException | InvalidArgumentException | java.net.UnknownHostException
                 | RuntimeException e) {
            LOG.debug("demo centre cannot send {}: {}", status, e.toString());
        }
    }

    /** Stops the stack and its event scanner thread. */
    void close() {
        try {
            if (provider != null) {
                stack.deleteSipProvider(provider);
            }
            if (listeningPoint != null) {
                stack.deleteListeningPoint(listeningPoint);
            }
        } catch (ObjectInUseException | RuntimeException e) {
            LOG.debug("releasing the demo centre's provider: {}", e.toString());
        }
        stack.stop();
        for (Thread t : scanners) {
            t.interrupt();
        }
    }

    /** A host for a SIP URI: IPv6 literals in brackets (RFC 3261 §25.1). */
    static String uriHost(InetAddress address) {
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void processRequest(RequestEvent event) {
        try {
            thread.execute(() -> onRequest.accept(event));
        } catch (RejectedExecutionException closed) {
            LOG.debug("demo centre closed; {} dropped", event.getRequest().getMethod());
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // only responses to the demo's BYE arrive here; nothing to do
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        // the demo keeps no state that a time-out could leave behind
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("demo centre I/O error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing held per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // calls are removed on BYE, CANCEL and the talk limit
    }

    /** JAIN-SIP cannot bind port 0: the OS picks a free UDP port first (tests). */
    private static int freePort(InetAddress bind) throws SocketException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(bind, 0))) {
            return probe.getLocalPort();
        }
    }

    private static Set<Thread> scannerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("EventScanner"))
                .collect(Collectors.toCollection(HashSet::new));
    }
}
