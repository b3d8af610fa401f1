package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.hallphone.call.CallEvent;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outgoing calls against sipp on loopback: the first working call of issue 2 and its endings. */
class OutgoingCallTest {

    private final Events events = new Events();
    private final FakeMedia media = new FakeMedia();
    private Sipp sipp;
    private SipPhone phone;

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
        if (sipp != null) {
            sipp.close();
        }
    }

    private void startPhone() {
        phone = new SipPhone(new TestKiosk().build(), media, "1.2.3");
        phone.start(events);
        assertTrue(phone.localPort() > 0, "bound");
    }

    @Test
    void answeredCallCarriesIdentityAndSdpEchoesMediaAndEndsWithBye() throws Exception {
        sipp = Sipp.uas("uas", "-rtp_echo");
        startPhone();

        phone.dial(1, sipp.target(), 1);
        events.await(CallEvent.AttemptAnswered.class, e -> e.attemptId() == 1);
        FakeMedia.Session session = media.last();
        Wait.until("echoed RTP", Duration.ofSeconds(10), () -> session.echoedIntact.get() >= 10);
        assertTrue(session.sent.get() >= 10, "RTP sent");

        String invite = sipp.messageLog();
        assertTrue(invite.contains("INVITE " + sipp.target()), invite);
        assertTrue(invite.contains("X-Hallphone-Terminal: ivanovo-onco-hall1"), invite);
        assertTrue(invite.contains("X-Hallphone-Attempt: 1"), invite);
        assertTrue(invite.contains("User-Agent: Hallphone/1.2.3"), invite);
        assertTrue(invite.contains("From: \"Онкодиспансер, холл 1\" <sip:ivanovo-onco-hall1@"), invite);
        assertTrue(invite.contains("m=audio " + session.localAddress().getPort() + " RTP/AVP 0 8 101"), invite);
        assertTrue(invite.contains("a=rtpmap:101 telephone-event/8000"), invite);
        assertTrue(invite.contains("a=fmtp:101 0-16"), invite);
        assertTrue(invite.contains("a=ptime:20"), invite);
        assertTrue(invite.contains("a=sendrecv"), invite);
        assertTrue(invite.matches("(?s).*Allow: [^\\r\\n]*INVITE.*"), invite);
        assertTrue(invite.contains(";rport"), invite);

        phone.hangUp(1);
        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(15)), sipp.diagnostics());
        assertTrue(sipp.messageLog().contains("BYE sip:"), "BYE sent");
        Wait.until("media closed", Duration.ofSeconds(5), () -> session.closed);
    }

    @Test
    void hangingUpWhileRingingSendsCancel() throws Exception {
        sipp = Sipp.uas("uas-ring-cancel.xml");
        startPhone();

        phone.dial(7, sipp.target(), 1);
        CallEvent.AttemptRinging ringing = events.await(CallEvent.AttemptRinging.class);
        assertEquals(180, ringing.status());
        assertFalse(ringing.earlyMedia());
        phone.hangUp(7);

        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(15)), sipp.diagnostics());
        CallEvent.AttemptFailed failed = events.await(CallEvent.AttemptFailed.class);
        assertEquals(487, failed.sipStatus());
        assertEquals(CallEvent.Failure.NO_ANSWER, failed.kind());
        assertTrue(sipp.messageLog().contains("CANCEL sip:"), "CANCEL sent");
        assertTrue(events.of(CallEvent.AttemptAnswered.class).isEmpty());
    }

    @Test
    void busyIsReportedAsBusy() throws Exception {
        sipp = Sipp.uas("uas-busy.xml");
        startPhone();

        phone.dial(3, sipp.target(), 2);
        CallEvent.AttemptFailed failed = events.await(CallEvent.AttemptFailed.class);
        assertEquals(3, failed.attemptId());
        assertEquals(486, failed.sipStatus());
        assertEquals(CallEvent.Failure.BUSY, failed.kind());
        assertEquals(Duration.ZERO, failed.retryAfter());
        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(15)), sipp.diagnostics());
        assertTrue(sipp.messageLog().contains("X-Hallphone-Attempt: 2"));
        Wait.until("media closed", Duration.ofSeconds(5), () -> media.last().closed);
    }

    @Test
    void farEndByeIsReportedOnce() throws Exception {
        sipp = Sipp.uas("uas-remote-bye.xml", "-rtp_echo");
        startPhone();

        phone.dial(4, sipp.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        assertEquals(org.hallphone.media.Codec.PCMA, media.last().codec, "codec of the answer");
        CallEvent.RemoteHungUp hungUp = events.await(CallEvent.RemoteHungUp.class);
        assertEquals(4, hungUp.attemptId());
        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(15)), sipp.diagnostics());
        Wait.until("media closed", Duration.ofSeconds(5), () -> media.last().closed);

        phone.hangUp(4); // the flow may still command it: ignored, no BYE for a finished call
        Thread.sleep(300);
        assertEquals(1, events.of(CallEvent.RemoteHungUp.class).size());
    }

    @Test
    void okThatCrossesCancelIsAcknowledgedThenEndedWithBye() throws Exception {
        sipp = Sipp.uas("uas-crossing.xml");
        startPhone();

        phone.dial(5, sipp.target(), 1);
        events.await(CallEvent.AttemptRinging.class);
        phone.hangUp(5);

        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(15)), sipp.diagnostics());
        String log = sipp.messageLog();
        int ack = log.indexOf("ACK sip:");
        int bye = log.indexOf("BYE sip:");
        assertTrue(ack > 0 && bye > ack, "ACK then BYE:\n" + log);
        assertTrue(events.of(CallEvent.AttemptAnswered.class).isEmpty(), "not reported as answered");
    }
}
