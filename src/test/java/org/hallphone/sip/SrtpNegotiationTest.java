package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Honest media against sipp: media the terminal cannot carry is refused with 488 (call-backs) or ends the attempt
 * as failed with 488 (calls out), never a silent answered call.
 */
class SrtpNegotiationTest {

    private final Events events = new Events();
    private final FakeMedia media = new FakeMedia();
    private final List<Sipp> peers = new ArrayList<>();
    private SipPhone phone;

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
        peers.forEach(Sipp::close);
    }

    private void startPhone(SipConfig.Srtp srtp) {
        TestKiosk k = new TestKiosk();
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        k.srtp = srtp;
        phone = new SipPhone(k.build(), media, events, "2.0");
        phone.start();
    }

    @Test
    void offRefusesAnSrtpOnlyCallBackWith488() throws Exception {
        startPhone(SipConfig.Srtp.OFF);
        Sipp representative = Sipp.uac(phone.localPort(), "uac-srtp-only.xml");
        peers.add(representative);
        assertEquals(0, representative.awaitExit(Duration.ofSeconds(20)), representative.diagnostics());
        assertTrue(representative.messageLog().contains("SIP/2.0 488"), representative.messageLog());
        assertTrue(!representative.messageLog().contains("SIP/2.0 180"), "never rang");
        assertTrue(events.of(CallEvent.IncomingCall.class).isEmpty(), "the patient was never asked to answer");
    }

    @Test
    void requiredRefusesAPlainCallBackWith488() throws Exception {
        startPhone(SipConfig.Srtp.REQUIRED);
        Sipp representative = Sipp.uac(phone.localPort(), "uac");
        peers.add(representative);
        representative.awaitExit(Duration.ofSeconds(20));
        assertTrue(representative.messageLog().contains("SIP/2.0 488"), representative.messageLog());
        assertTrue(events.of(CallEvent.IncomingCall.class).isEmpty());
    }

    @Test
    void requiredFailsACallOutThatIsAnsweredInPlainRtp() throws Exception {
        startPhone(SipConfig.Srtp.REQUIRED);
        Sipp plain = Sipp.uas("uas", "-rtp_echo");
        peers.add(plain);
        phone.dial(1, plain.target(), 1);
        CallEvent.AttemptFailed failed = events.await(CallEvent.AttemptFailed.class, e -> e.attemptId() == 1);
        assertEquals(488, failed.sipStatus());
        assertTrue(failed.cause().contains("profile"), failed.cause());
        assertTrue(events.of(CallEvent.AttemptAnswered.class).isEmpty(), "never counted as answered");
        String log = plain.messageLog();
        assertTrue(log.contains("m=audio") && log.contains("RTP/SAVP") && log.contains("a=crypto:1 "), log);
        org.hallphone.testing.Wait.until("the 2xx is ended with BYE", Duration.ofSeconds(10),
                () -> plain.messageLog().contains("BYE sip:"));
    }

    @Test
    void optionalFallsBackToPlainRtpWhenTheFarEndIgnoresTheKeys() throws Exception {
        startPhone(SipConfig.Srtp.OPTIONAL);
        Sipp plain = Sipp.uas("uas", "-rtp_echo");
        peers.add(plain);
        phone.dial(1, plain.target(), 1);
        CallEvent.AttemptAnswered answered = events.await(CallEvent.AttemptAnswered.class);
        assertEquals(org.hallphone.call.Media.RTP, answered.media());
        String log = plain.messageLog();
        assertTrue(log.contains("RTP/AVP") && log.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"), log);
        phone.hangUp(1);
    }
}
