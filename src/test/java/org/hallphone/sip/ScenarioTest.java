package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.SipStackExt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.SipStack;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The routing plan's facts (issue 3) against sipp: what the SIP side reports for each far-end behaviour. */
class ScenarioTest {

    private final Events events = new Events();
    private final FakeMedia media = new FakeMedia();
    private final List<Sipp> peers = new ArrayList<>();
    private SipPhone phone;
    /** The phone's stack, for the dialog leak check. */
    private final AtomicReference<SipStack> stack = new AtomicReference<>();

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
        peers.forEach(Sipp::close);
    }

    private Sipp uas(String scenario, String... extra) throws Exception {
        Sipp s = Sipp.uas(scenario, extra);
        peers.add(s);
        return s;
    }

    private void startPhone(TestKiosk k) {
        phone = new SipPhone(k.build(), media, "2.0", SipPhone.Options.DEFAULTS.withProbe(new SipPhone.Probe() {
            @Override
            public void stackBound(SipStack bound) {
                stack.set(bound);
            }
        }));
        phone.start(events);
    }

    @Test
    void busyThenRingTimeoutThenTheNextTargetAnswers() throws Exception {
        Sipp busy = uas("uas-busy.xml");
        Sipp ringing = uas("uas-ring-cancel.xml");
        Sipp answers = uas("uas", "-rtp_echo");
        startPhone(new TestKiosk());

        phone.dial(1, busy.target(), 1);
        CallEvent.AttemptFailed busyFailure = events.await(CallEvent.AttemptFailed.class, e -> e.attemptId() == 1);
        assertEquals(CallEvent.Failure.BUSY, busyFailure.kind());
        phone.dial(2, ringing.target(), 2);
        events.await(CallEvent.AttemptRinging.class, e -> e.attemptId() == 2);
        phone.hangUp(2); // the flow's ring time-out
        assertEquals(487, events.await(CallEvent.AttemptFailed.class, e -> e.attemptId() == 2).sipStatus());
        phone.dial(3, answers.target(), 3);
        events.await(CallEvent.AttemptAnswered.class, e -> e.attemptId() == 3);
        assertTrue(answers.messageLog().contains("X-Hallphone-Attempt: 3"));
        phone.hangUp(3);
        for (Sipp s : peers) {
            assertEquals(0, s.awaitExit(Duration.ofSeconds(15)), s.diagnostics());
        }
    }

    @Test
    void redirectReportsTheContactsBestFirst() throws Exception {
        Sipp redirect = uas("uas-redirect.xml");
        startPhone(new TestKiosk());
        phone.dial(1, redirect.target(), 1);
        CallEvent.AttemptRedirected r = events.await(CallEvent.AttemptRedirected.class);
        assertEquals(302, r.sipStatus());
        assertEquals(List.of("sip:day-desk@127.0.0.1:5998", "sip:night-desk@127.0.0.1:5999"), r.contacts());
        assertEquals(0, redirect.awaitExit(Duration.ofSeconds(15)), redirect.diagnostics());
    }

    @Test
    void serviceUnavailableCarriesRetryAfter() throws Exception {
        Sipp overloaded = uas("uas-unavailable.xml");
        startPhone(new TestKiosk());
        phone.dial(1, overloaded.target(), 1);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class);
        assertEquals(503, f.sipStatus());
        assertEquals(CallEvent.Failure.SERVER, f.kind());
        assertEquals(Duration.ofSeconds(120), f.retryAfter());
    }

    @Test
    void operatorDigitArrivesAsDtmfEvent() throws Exception {
        Sipp operator = uas("uas-dtmf.xml");
        startPhone(new TestKiosk());
        phone.dial(1, operator.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        assertEquals(101, media.last().telephoneEvent, "negotiated telephone-event payload type");
        CallEvent.DtmfReceived d = events.await(CallEvent.DtmfReceived.class);
        assertEquals(1, d.attemptId());
        assertEquals('1', d.digit());
        phone.hangUp(1);
        assertEquals(0, operator.awaitExit(Duration.ofSeconds(15)), operator.diagnostics());
    }

    @Test
    void operatorDigitByInfoArrivesAsDtmfEvent() throws Exception {
        Sipp operator = uas("uas-dtmf-info.xml");
        startPhone(new TestKiosk());
        phone.dial(1, operator.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        assertEquals('1', events.await(CallEvent.DtmfReceived.class).digit());
        phone.hangUp(1);
        assertEquals(0, operator.awaitExit(Duration.ofSeconds(15)), operator.diagnostics());
    }

    @Test
    void silentFarEndTimesOut() throws Exception {
        Sipp silent = uas("uas");
        TestKiosk k = new TestKiosk();
        k.rtpTimeout = Duration.ofSeconds(1);
        startPhone(k);
        phone.dial(1, silent.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        assertEquals(1, events.await(CallEvent.MediaTimedOut.class).attemptId());
        Thread.sleep(1200);
        assertEquals(1, events.of(CallEvent.MediaTimedOut.class).size(), "reported once");
        phone.hangUp(1);
        assertEquals(0, silent.awaitExit(Duration.ofSeconds(15)), silent.diagnostics());
    }

    @Test
    void holdIsNotADeadCall() throws Exception {
        Sipp pbx = uas("uas-hold.xml");
        TestKiosk k = new TestKiosk();
        k.rtpTimeout = Duration.ofSeconds(1);
        startPhone(k);
        phone.dial(1, pbx.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        events.await(CallEvent.MediaTimedOut.class, e -> true, Duration.ofSeconds(20));
        String log = pbx.messageLog();
        assertTrue(log.contains("CSeq: 3 INVITE"), "timed out only after the hold ended:\n" + log);
        String holdAnswer = java.util.Arrays.stream(log.split("-{20,}"))
                .filter(m -> m.contains("SIP/2.0 200") && m.contains("CSeq: 2 INVITE"))
                .findFirst().orElseThrow();
        assertTrue(holdAnswer.contains("a=inactive"), "our answer to the hold: " + holdAnswer);
        phone.hangUp(1);
        assertEquals(0, pbx.awaitExit(Duration.ofSeconds(15)), pbx.diagnostics());
    }

    @Test
    void strangerIsRefusedWith403() throws Exception {
        TestKiosk k = new TestKiosk();
        k.allowIncomingFrom = new ArrayList<>(List.of("192.0.2.10", "pbx.invalid"));
        startPhone(k);
        Sipp stranger = Sipp.uac(phone.localPort(), "uac");
        peers.add(stranger);
        assertNotEquals(0, stranger.awaitExit(Duration.ofSeconds(15)));
        assertTrue(stranger.messageLog().contains("SIP/2.0 403"), stranger.messageLog());
        assertTrue(events.of(CallEvent.IncomingCall.class).isEmpty());
    }

    @Test
    void allowedHostCallsBackAndIsAnswered() throws Exception {
        TestKiosk k = new TestKiosk();
        k.allowIncomingFrom = new ArrayList<>(List.of("localhost"));
        k.transport = SipConfig.Transport.TCP; // over UDP only a call-back to the registered Contact rings
        startPhone(k);
        Sipp representative = Sipp.uac(phone.localPort(), "uac", "-t", "t1", "-rtp_echo", "-d", "3000");
        peers.add(representative);

        CallEvent.IncomingCall call = events.await(CallEvent.IncomingCall.class);
        assertTrue(call.attemptId() < 0, "incoming ids never clash with the flow's");
        assertTrue(call.from().contains("sip:"), call.from());
        phone.answer(call.attemptId());
        events.await(CallEvent.AttemptAnswered.class, e -> e.attemptId() == call.attemptId());
        FakeMedia.Session session = media.last();
        Wait.until("media echoed", Duration.ofSeconds(10), () -> session.echoedIntact.get() >= 10);
        assertEquals(call.attemptId(), events.await(CallEvent.RemoteHungUp.class).attemptId());
        assertEquals(0, representative.awaitExit(Duration.ofSeconds(15)), representative.diagnostics());
        assertTrue(representative.messageLog().contains("SIP/2.0 180"), "rang first");
    }

    @Test
    void earlyMediaStartsAudioBeforeTheAnswer() throws Exception {
        Sipp announcer = uas("uas-early-media.xml", "-rtp_echo");
        startPhone(new TestKiosk());
        phone.dial(1, announcer.target(), 1);
        CallEvent.AttemptRinging early = events.await(CallEvent.AttemptRinging.class);
        assertEquals(183, early.status());
        assertTrue(early.earlyMedia());
        assertTrue(media.last().started, "media started on the 183's SDP");
        events.await(CallEvent.AttemptAnswered.class);
        phone.hangUp(1);
        assertEquals(0, announcer.awaitExit(Duration.ofSeconds(15)), announcer.diagnostics());
        Wait.until("no dialog left", Duration.ofSeconds(10), () -> ((SipStackExt) stack.get()).getDialogs().isEmpty());
    }

    @Test
    void unansweredCallBackIsRejectedWhenTheFlowGivesUp() throws Exception {
        TestKiosk k = new TestKiosk();
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        k.transport = SipConfig.Transport.TCP;
        startPhone(k);
        Sipp representative = Sipp.uac(phone.localPort(), "uac", "-t", "t1");
        peers.add(representative);
        CallEvent.IncomingCall call = events.await(CallEvent.IncomingCall.class);
        phone.hangUp(call.attemptId()); // nobody lifted the handset within call.ring-timeout-s
        assertNotEquals(0, representative.awaitExit(Duration.ofSeconds(15)));
        assertTrue(representative.messageLog().contains("SIP/2.0 480"), representative.messageLog());
    }

    @Test
    void byeFromAStrangerDoesNotEndTheCall() throws Exception {
        Sipp far = uas("uas", "-rtp_echo");
        startPhone(new TestKiosk());
        phone.dial(1, far.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        String log = far.messageLog();
        String callId = header(log, "Call-ID");
        String from = header(log, "From");
        String to = header(log.substring(log.indexOf("SIP/2.0 200")), "To");
        String bye = "BYE sip:ivanovo-onco-hall1@127.0.0.1:" + phone.localPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK-forged\r\n"
                + "From: " + to + "\r\nTo: " + from + "\r\nCall-ID: " + callId + "\r\n"
                + "CSeq: 9 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        try (java.net.DatagramSocket forger = new java.net.DatagramSocket(
                new java.net.InetSocketAddress(java.net.InetAddress.getByName("127.0.0.2"), 0))) {
            byte[] b = bye.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            forger.send(new java.net.DatagramPacket(b, b.length,
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), phone.localPort())));
        }
        Thread.sleep(500);
        assertTrue(events.of(CallEvent.RemoteHungUp.class).isEmpty(), "forged BYE ignored");
        phone.hangUp(1);
        assertEquals(0, far.awaitExit(Duration.ofSeconds(15)), far.diagnostics());
    }

    private static String header(String message, String name) {
        for (String line : message.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        throw new AssertionError(name + " not in " + message);
    }

    @Test
    void callerWhoGivesUpWhileItRingsEndsTheCallBack() throws Exception {
        TestKiosk k = new TestKiosk();
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        k.transport = SipConfig.Transport.TCP;
        startPhone(k);
        Sipp representative = Sipp.uac(phone.localPort(), "uac-cancel.xml", "-t", "t1");
        peers.add(representative);
        CallEvent.IncomingCall call = events.await(CallEvent.IncomingCall.class);
        assertTrue(call.from().startsWith("sip:rep@"), "the URI only, never the display name: " + call.from());
        assertEquals(call.attemptId(), events.await(CallEvent.RemoteHungUp.class).attemptId());
        assertEquals(0, representative.awaitExit(Duration.ofSeconds(15)), representative.diagnostics());
        phone.answer(call.attemptId()); // too late: ignored
        Thread.sleep(300);
        assertTrue(events.of(CallEvent.AttemptAnswered.class).isEmpty());
    }

    @Test
    void reInviteMovesTheMedia() throws Exception {
        Sipp pbx = uas("uas-reinvite.xml", "-rtp_echo");
        startPhone(new TestKiosk());
        phone.dial(1, pbx.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        FakeMedia.Session session = media.last();
        Wait.until("media moved to the echo port", Duration.ofSeconds(10),
                () -> session.remote != null && session.remote.getPort() == pbx.mediaPort);
        assertEquals(org.hallphone.media.Codec.PCMA, session.codec, "the re-offer's first codec");
        Wait.until("echo on the new path", Duration.ofSeconds(10), () -> session.echoedIntact.get() >= 5);
        phone.hangUp(1);
        assertEquals(0, pbx.awaitExit(Duration.ofSeconds(15)), pbx.diagnostics());
        String log = pbx.messageLog();
        assertTrue(log.indexOf("SIP/2.0 200 OK", log.indexOf("CSeq: 2 INVITE")) > 0, log);
    }

    @Test
    void optionsIsAnswered() throws Exception {
        startPhone(new TestKiosk());
        Sipp monitor = Sipp.uac(phone.localPort(), "uac-options.xml");
        peers.add(monitor);
        assertEquals(0, monitor.awaitExit(Duration.ofSeconds(15)), monitor.diagnostics());
        assertTrue(monitor.messageLog().contains("Allow: INVITE"), monitor.messageLog());
    }
}
