package org.hallphone.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in far end of {@code --demo}: a real SIP endpoint over UDP on loopback that rings for about a second,
 * answers every INVITE and talks back by echoing the caller's RTP ({@link RtpEcho}), so the patient hears themselves.
 * It hangs up by itself after 10 min. Runs its own JAIN-SIP stack ({@link DemoStack}) and one thread, on which all
 * its call state lives; both are stopped by {@link #close()}.
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
    private DemoStack stack;

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

    /**
     * The demo centre that answers calls to {@code target} (a {@code sip:} URI such as the demo configuration's
     * {@code call.targets}): bound to the URI's host and port (5060 when it names none).
     */
    public static DemoContactCentre answering(String target) throws IOException {
        URI uri = URI.create(target.strip().replaceFirst("^sips?:", "sip://").replaceFirst("[;?].*", ""));
        if (uri.getHost() == null) {
            throw new IOException("the demo contact centre needs a target with a host: " + target);
        }
        return new DemoContactCentre(InetAddress.getByName(uri.getHost()), uri.getPort() > 0 ? uri.getPort() : 5060);
    }

    /** Binds the SIP port and starts answering. */
    public void start() throws IOException {
        try {
            stack = DemoStack.open(bind, port, thread, this::onRequest);
        } catch (SipException e) {
            thread.shutdownNow();
            throw new IOException("demo contact centre cannot bind " + bind.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
        LOG.info("demo contact centre answers on sip:centre@{}:{}", DemoStack.uriHost(bind), stack.port());
    }

    /** The bound SIP port. */
    public int port() {
        return stack == null ? 0 : stack.port();
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
                if (stack != null) {
                    stack.close();
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing the demo contact centre: {}", e.toString());
        }
        thread.shutdownNow();
    }

    /** One demo call: its transaction, dialog and echo socket. Confined to the demo thread. */
    private static final class DemoCall {
        final String callId;
        final ServerTransaction invite;
        final String toTag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        final DatagramSocket rtp;
        final DemoSdp offer;
        Dialog dialog;
        boolean answered;
        ScheduledFuture<?> answerTimer;
        ScheduledFuture<?> hangUpTimer;

        DemoCall(String callId, ServerTransaction invite, DatagramSocket rtp, DemoSdp offer) {
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

    /** Every request, on the demo thread. */
    private void onRequest(RequestEvent event) {
        Request request = event.getRequest();
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        DemoCall call = calls.get(callId);
        ServerTransaction tx = event.getServerTransaction();
        switch (request.getMethod()) {
            case Request.INVITE -> {
                if (call == null) {
                    incoming(event, callId);
                }
            }
            case Request.ACK -> { }
            case Request.BYE -> {
                stack.reply(tx, request, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
                if (call != null) {
                    LOG.info("demo call ended by the terminal");
                    end(call);
                }
            }
            case Request.CANCEL -> {
                stack.reply(tx, request, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK);
                if (call != null && !call.answered) {
                    stack.reply(call.invite, call.invite.getRequest(), Response.REQUEST_TERMINATED, call.toTag, null);
                    end(call);
                }
            }
            case Request.OPTIONS -> stack.reply(tx, request, Response.OK);
            default -> stack.reply(tx, request, Response.METHOD_NOT_ALLOWED);
        }
    }

    private void incoming(RequestEvent event, String callId) {
        Request invite = event.getRequest();
        ServerTransaction tx = stack.transactionOf(event);
        if (tx == null) {
            return;
        }
        DemoSdp offer;
        DatagramSocket rtp;
        try {
            byte[] body = invite.getRawContent();
            offer = DemoSdp.readOffer(body == null ? "" : new String(body, StandardCharsets.UTF_8));
            rtp = new DatagramSocket(new InetSocketAddress(bind, 0));
        } catch (IllegalArgumentException | IOException e) {
            LOG.info("demo call refused: {}", e.getMessage());
            stack.reply(tx, invite, Response.NOT_ACCEPTABLE_HERE);
            return;
        }
        DemoCall call = new DemoCall(callId, tx, rtp, offer);
        calls.put(callId, call);
        stack.reply(tx, invite, Response.RINGING, call.toTag, null);
        call.answerTimer = thread.schedule(() -> answer(call), RING.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void answer(DemoCall call) {
        if (!calls.containsKey(call.callId)) {
            return;
        }
        InetSocketAddress local = new InetSocketAddress(bind, call.rtp.getLocalPort());
        String sdp = call.offer.answer(local, System.currentTimeMillis());
        stack.reply(call.invite, call.invite.getRequest(), Response.OK, call.toTag, sdp);
        call.dialog = call.invite.getDialog();
        call.answered = true;
        RtpEcho.start(call.rtp, call.offer.remote());
        call.hangUpTimer = thread.schedule(() -> {
            LOG.info("demo call reached {} min; the demo representative hangs up", TALK_LIMIT.toMinutes());
            bye(call);
            end(call);
        }, TALK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("demo call answered; echoing the caller's audio");
    }

    private void end(DemoCall call) {
        call.stop();
        calls.remove(call.callId);
    }

    private void bye(DemoCall call) {
        if (call.dialog == null || !call.answered) {
            return;
        }
        try {
            Request bye = call.dialog.createRequest(Request.BYE);
            ClientTransaction tx = stack.provider().getNewClientTransaction(bye);
            call.dialog.sendRequest(tx);
        } catch (SipException | RuntimeException e) {
            LOG.debug("demo BYE failed: {}", e.toString());
        }
    }
}
