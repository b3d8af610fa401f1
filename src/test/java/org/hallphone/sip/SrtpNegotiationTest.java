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
        startPhone(srtp, SipConfig.Transport.UDP);
    }

    /** Call-backs come over TCP: over UDP only one to the Contact registered with a registrar would ring. */
    private void startPhone(SipConfig.Srtp srtp, SipConfig.Transport transport) {
        TestKiosk k = new TestKiosk();
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        k.transport = transport;
        k.srtp = srtp;
        phone = new SipPhone(k.build(), media, "2.0");
        phone.start(events);
    }

    @Test
    void offRefusesAnSrtpOnlyCallBackWith488() throws Exception {
        startPhone(SipConfig.Srtp.OFF, SipConfig.Transport.TCP);
        Sipp representative = Sipp.uac(phone.localPort(), "uac-srtp-only.xml", "-t", "t1");
        peers.add(representative);
        assertEquals(0, representative.awaitExit(Duration.ofSeconds(20)), representative.diagnostics());
        assertTrue(representative.messageLog().contains("SIP/2.0 488"), representative.messageLog());
        assertTrue(!representative.messageLog().contains("SIP/2.0 180"), "never rang");
        assertTrue(events.of(CallEvent.IncomingCall.class).isEmpty(), "the patient was never asked to answer");
        assertEquals(488, events.await(CallEvent.IncomingRefused.class).sipStatus(), "the call log is told");
    }

    @Test
    void requiredRefusesAPlainCallBackWith488() throws Exception {
        startPhone(SipConfig.Srtp.REQUIRED, SipConfig.Transport.TCP);
        Sipp representative = Sipp.uac(phone.localPort(), "uac", "-t", "t1");
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
        assertEquals(CallEvent.Failure.MEDIA, failed.kind());
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

    @Test
    void anEncryptedCallBackIsAnsweredWithOurKeyAndNoKeyReachesAnyLogLine() throws Exception {
        String theirKey = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
        try (LogCapture logs = new LogCapture()) {
            startPhone(SipConfig.Srtp.REQUIRED, SipConfig.Transport.TCP);
            Sipp representative = Sipp.uac(phone.localPort(), "uac-srtp-call.xml", "-t", "t1");
            peers.add(representative);
            CallEvent.IncomingCall call = events.await(CallEvent.IncomingCall.class);
            phone.answer(call.attemptId());
            CallEvent.AttemptAnswered answered = events.await(CallEvent.AttemptAnswered.class);
            assertEquals(org.hallphone.call.Media.SRTP, answered.media());
            assertTrue(media.last().transform instanceof org.hallphone.media.SrtpTransform, "SRTP media started");
            events.await(CallEvent.RemoteHungUp.class);
            assertEquals(0, representative.awaitExit(Duration.ofSeconds(20)), representative.diagnostics());

            java.util.regex.Matcher ours = java.util.regex.Pattern
                    .compile("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:([A-Za-z0-9+/=]+)")
                    .matcher(representative.messageLog().substring(representative.messageLog().indexOf("SIP/2.0 200")));
            assertTrue(ours.find(), "the 200 answers with tag 1 and a key: " + representative.messageLog());
            String ourKey = ours.group(1);
            assertTrue(!ourKey.equals(theirKey), "a key of our own");

            String text = logs.text();
            assertTrue(logs.count("org.hallphone.sip.wire", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:***") >= 2,
                    "the wire log shows the SDP, masked");
            for (String key : List.of(theirKey, ourKey, theirKey.substring(0, 12), ourKey.substring(0, 12))) {
                assertTrue(!text.contains(key), "a key in the log: " + key);
            }
        }
    }
}
