package org.hallphone.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.hallphone.config.Secret;
import org.hallphone.config.SipConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in far end of {@code --demo}: a real SIP endpoint over UDP on loopback that rings for about a second,
 * answers every INVITE and talks back by echoing the caller's RTP (with its own SSRC and sequence numbers, as an
 * independent RTP source must, RFC 3550 §8), so the patient hears themselves. It hangs up by itself after 10 min.
 * Runs its own JAIN-SIP stack (a distinct stack name) and one thread, both stopped by {@link #close()}.
 */
public final class DemoContactCentre implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoContactCentre.class);
    /** Ringing time before the answer. */
    static final Duration RING = Duration.ofSeconds(1);
    /** The demo representative hangs up after this long. */
    static final Duration TALK_LIMIT = Duration.ofMinutes(10);

    private final InetAddress bind;
    private final int port;
    private final ScheduledThreadPoolExecutor thread;
    private final Map<String, DemoCall> calls = new HashMap<>();
    private SipEndpoint endpoint;

    public DemoContactCentre(InetAddress bind, int port) {
        this.bind = bind;
        this.port = port;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "demo-centre");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
    }

    /** Binds the SIP port and starts answering. */
    public void start() throws IOException {
        SipConfig sip = new SipConfig(bind.getHostAddress(), port, SipConfig.Transport.UDP,
                new SipConfig.Account("", "", "centre", "", "", Secret.NONE, "", Duration.ofSeconds(600), true),
                new SipConfig.KeepAlive(Duration.ZERO, SipConfig.KeepAliveMethod.CRLF),
                new SipConfig.Incoming(List.of(), 65535), SipConfig.Tls.NONE,
                new SipConfig.Rtp(0, 0, Duration.ZERO, null, List.of()));
        try {
            endpoint = SipEndpoint.open("demo-centre", sip, SipConfig.Transport.UDP, bind, port,
                    new ListenerOnThread(thread, new Handler()));
        } catch (SipException e) {
            thread.shutdownNow();
            throw new IOException("demo contact centre cannot bind " + bind.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
        LOG.info("demo contact centre answers on sip:centre@{}:{}", Requests.hostForUri(bind.getHostAddress()),
                endpoint.port());
    }

    /** The bound SIP port. */
    public int port() {
        return endpoint == null ? 0 : endpoint.port();
    }

    @Override
    public void close() {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.submit(() -> {
                for (DemoCall call : List.copyOf(calls.values())) {
                    bye(call);
                    call.stop();
                }
                calls.clear();
                if (endpoint != null) {
                    endpoint.close();
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing the demo contact centre: {}", e.toString());
        }
        thread.shutdownNow();
    }

    private void bye(DemoCall call) {
        if (call.dialog == null || !call.answered) {
            return;
        }
        try {
            Request bye = call.dialog.createRequest(Request.BYE);
            ClientTransaction tx = endpoint.provider().getNewClientTransaction(bye);
            call.dialog.sendRequest(tx);
        } catch (SipException | RuntimeException e) {
            LOG.debug("demo BYE failed: {}", e.toString());
        }
    }

    /** One demo call: its transaction, dialog and echo socket. */
    private static final class DemoCall {
        final String callId;
        final ServerTransaction invite;
        final String toTag = Requests.newTag();
        final DatagramSocket rtp;
        final SdpMedia offer;
        Dialog dialog;
        boolean answered;
        ScheduledFuture<?> answerTimer;
        ScheduledFuture<?> hangUpTimer;

        DemoCall(String callId, ServerTransaction invite, DatagramSocket rtp, SdpMedia offer) {
            this.callId = callId;
            this.invite = invite;
            this.rtp = rtp;
            this.offer = offer;
        }

        void stop() {
            if (answerTimer != null) {
                answerTimer.cancel(false);
            }
            if (hangUpTimer != null) {
                hangUpTimer.cancel(false);
            }
            rtp.close();
        }
    }

    /** Sends back every packet it receives, re-stamped as its own RTP source. */
    private static void echo(DatagramSocket socket, InetSocketAddress to) {
        byte[] buf = new byte[2048];
        int ssrc = ThreadLocalRandom.current().nextInt();
        int seq = ThreadLocalRandom.current().nextInt(0x10000);
        int ts = ThreadLocalRandom.current().nextInt();
        int lastInTs = 0;
        boolean first = true;
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
            } catch (IOException e) {
                return;
            }
            if (in.getLength() < 12 || (buf[0] & 0xc0) != 0x80) {
                continue;
            }
            int inTs = ((buf[4] & 0xff) << 24) | ((buf[5] & 0xff) << 16) | ((buf[6] & 0xff) << 8) | (buf[7] & 0xff);
            ts += first ? 0 : inTs - lastInTs;
            lastInTs = inTs;
            first = false;
            seq = (seq + 1) & 0xffff;
            buf[2] = (byte) (seq >> 8);
            buf[3] = (byte) seq;
            buf[4] = (byte) (ts >> 24);
            buf[5] = (byte) (ts >> 16);
            buf[6] = (byte) (ts >> 8);
            buf[7] = (byte) ts;
            buf[8] = (byte) (ssrc >> 24);
            buf[9] = (byte) (ssrc >> 16);
            buf[10] = (byte) (ssrc >> 8);
            buf[11] = (byte) ssrc;
            try {
                socket.send(new DatagramPacket(buf, in.getLength(), to));
            } catch (IOException e) {
                return;
            }
        }
    }

    private final class Handler implements SipListener {

        @Override
        public void processRequest(RequestEvent event) {
            Request request = event.getRequest();
            String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
            DemoCall call = calls.get(callId);
            switch (request.getMethod()) {
                case Request.INVITE -> {
                    if (call == null) {
                        incoming(event, callId);
                    }
                }
                case Request.ACK -> { }
                case Request.BYE -> {
                    reply(event.getServerTransaction(), request, call == null ? 481 : 200, null, null);
                    if (call != null) {
                        LOG.info("demo call ended by the terminal");
                        call.stop();
                        calls.remove(callId);
                    }
                }
                case Request.CANCEL -> {
                    reply(event.getServerTransaction(), request, call == null ? 481 : 200, null, null);
                    if (call != null && !call.answered) {
                        reply(call.invite, call.invite.getRequest(), 487, call.toTag, null);
                        call.stop();
                        calls.remove(callId);
                    }
                }
                case Request.OPTIONS -> reply(event.getServerTransaction(), request, 200, null, null);
                default -> reply(event.getServerTransaction(), request, 405, null, null);
            }
        }

        private void incoming(RequestEvent event, String callId) {
            Request invite = event.getRequest();
            ServerTransaction tx;
            try {
                tx = event.getServerTransaction() != null ? event.getServerTransaction()
                        : endpoint.provider().getNewServerTransaction(invite);
            } catch (SipException | RuntimeException e) {
                return;
            }
            SdpMedia offer;
            DatagramSocket rtp;
            try {
                offer = Sdp.parse(new String(invite.getRawContent() == null ? new byte[0] : invite.getRawContent(),
                        StandardCharsets.UTF_8));
                rtp = new DatagramSocket(new InetSocketAddress(bind, 0));
            } catch (IllegalArgumentException | IOException e) {
                reply(tx, invite, 488, null, null);
                return;
            }
            DemoCall call = new DemoCall(callId, tx, rtp, offer);
            calls.put(callId, call);
            reply(tx, invite, 180, call.toTag, null);
            call.answerTimer = thread.schedule(() -> answer(call), RING.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void answer(DemoCall call) {
            if (!calls.containsKey(call.callId)) {
                return;
            }
            InetSocketAddress local = new InetSocketAddress(bind, call.rtp.getLocalPort());
            String sdp = Sdp.answer(local, System.currentTimeMillis(), 1, call.offer);
            reply(call.invite, call.invite.getRequest(), 200, call.toTag, sdp);
            call.dialog = call.invite.getDialog();
            call.answered = true;
            Thread echo = new Thread(() -> echo(call.rtp, call.offer.remote()), "demo-echo");
            echo.setDaemon(true);
            echo.start();
            call.hangUpTimer = thread.schedule(() -> {
                LOG.info("demo call reached {} min; the demo representative hangs up", TALK_LIMIT.toMinutes());
                bye(call);
                call.stop();
                calls.remove(call.callId);
            }, TALK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("demo call answered; echoing the caller's audio");
        }

        private void reply(ServerTransaction tx, Request request, int status, String toTag, String sdp) {
            try {
                Response response = endpoint.messages().createResponse(status, request);
                ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
                if (toTag != null && to.getTag() == null) {
                    to.setTag(toTag);
                }
                if (status < 300 && Request.INVITE.equals(request.getMethod())) {
                    SipURI contact = endpoint.addresses().createSipURI("centre",
                            Requests.hostForUri(endpoint.host()));
                    contact.setPort(endpoint.port());
                    ContactHeader header = endpoint.headers().createContactHeader(
                            endpoint.addresses().createAddress(contact));
                    response.addHeader(header);
                }
                if (sdp != null) {
                    ContentTypeHeader type = endpoint.headers().createContentTypeHeader("application", "sdp");
                    response.setContent(sdp, type);
                }
                if (tx != null) {
                    tx.sendResponse(response);
                } else {
                    endpoint.provider().sendResponse(response);
                }
            } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException e) {
                LOG.debug("demo centre cannot send {}: {}", status, e.toString());
            }
        }

        @Override
        public void processResponse(ResponseEvent event) {
            // only BYE responses arrive here; nothing to do
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
    }
}
