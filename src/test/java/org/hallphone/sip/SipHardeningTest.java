package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review findings F7, F11, F14 and F20 from the wire: sipp plays the far end (or a hop) that misbehaves, and the
 * test checks what the terminal sent and reported.
 */
class SipHardeningTest {

    private static final String USER = "kiosk1";
    private static final String PASSWORD = "S3cret-pa55";

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

    private Sipp uas(String scenario, String... extra) throws Exception {
        Sipp s = Sipp.uas(scenario, extra);
        peers.add(s);
        return s;
    }

    private void startPhone(TestKiosk k) {
        phone = new SipPhone(k.build(), media, "2.0");
        phone.start(events);
    }

    // ---- F7: a CANCEL that never gets its 487 ------------------------------------------------------------------

    @Test
    void cancelWithoutFinalResponseEndsTheLegAndCallBacksRingAgain() throws Exception {
        Sipp pbx = uas("uas-swallow-cancel.xml", "-t", "t1");
        TestKiosk k = new TestKiosk();
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        k.transport = SipConfig.Transport.TCP; // over UDP only a call-back to the registered Contact rings
        // 64·T1 = 32 s in the field
        phone = new SipPhone(k.build(), media, "2.0", SipPhone.Options.DEFAULTS.withCancelGiveUp(2_000));
        phone.start(events);

        phone.dial(1, pbx.target(), 1);
        events.await(CallEvent.AttemptRinging.class);
        phone.hangUp(1); // the patient hangs up while it rings: CANCEL, which the far end swallows
        CallEvent.AttemptFailed over = events.await(CallEvent.AttemptFailed.class, e -> e.attemptId() == 1);
        assertTrue(over.cause().contains("CANCEL"), over.cause());
        assertTrue(pbx.messageLog().contains("CANCEL sip:"), "CANCEL was sent");
        assertFalse(pbx.messageLog().contains("SIP/2.0 487"), "and never answered");

        // a representative calls back: it must ring, not get 486 Busy Here for the life of the process
        Sipp representative = Sipp.uac(phone.localPort(), "uac-cancel.xml", "-t", "t1");
        peers.add(representative);
        CallEvent.IncomingCall call = events.await(CallEvent.IncomingCall.class);
        assertTrue(call.attemptId() < 0);
        assertEquals(0, representative.awaitExit(Duration.ofSeconds(20)), representative.diagnostics());
        assertFalse(representative.messageLog().contains("SIP/2.0 486"), representative.messageLog());
    }

    // ---- item 12: honest outcomes ------------------------------------------------------------------------------

    @Test
    void aTargetThatDoesNotExistIsRefusedNotBusy() throws Exception {
        Sipp nobody = uas("uas-not-found.xml");
        Sipp busy = uas("uas-busy.xml");
        startPhone(new TestKiosk());
        phone.dial(1, nobody.target(), 1);
        CallEvent.AttemptFailed notFound = events.await(CallEvent.AttemptFailed.class, e -> e.attemptId() == 1);
        assertEquals(404, notFound.sipStatus());
        assertEquals(CallEvent.Failure.REFUSED, notFound.kind());
        phone.dial(2, busy.target(), 2);
        assertEquals(CallEvent.Failure.BUSY,
                events.await(CallEvent.AttemptFailed.class, e -> e.attemptId() == 2).kind());
    }

    // ---- F20: Retry-After ---------------------------------------------------------------------------------------

    @Test
    void hugeRetryAfterIsCappedAtAnHour() throws Exception {
        Sipp overloaded = uas("uas-unavailable-forever.xml");
        startPhone(new TestKiosk());
        phone.dial(1, overloaded.target(), 1);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class);
        assertEquals(503, f.sipStatus());
        assertEquals(Duration.ofHours(1), f.retryAfter(), "not 2147483647 s");
        assertEquals(0, overloaded.awaitExit(Duration.ofSeconds(15)), overloaded.diagnostics());
    }

    @Test
    void hugeRetryAfterOnARegisterIsCappedAtAnHour() throws Exception {
        Sipp registrar = uas("registrar-unavailable-a-day.xml");
        TestKiosk k = new TestKiosk();
        k.registrar = "127.0.0.1:" + registrar.port;
        try (LogCapture logs = new LogCapture()) {
            startPhone(k);
            CallEvent.RegistrationChanged down = events.await(CallEvent.RegistrationChanged.class);
            assertFalse(down.registered());
            assertTrue(down.cause().contains("refused: 503"), down.cause());
            // the log line is written as the next REGISTER is scheduled, before the event is posted
            assertTrue(logs.text().contains("; retrying in 3600 s"), "the next REGISTER within an hour, not a day: "
                    + logs.text().lines().filter(l -> l.contains("not registered")).toList());
        }
        assertEquals(0, registrar.awaitExit(Duration.ofSeconds(15)), registrar.diagnostics());
    }

    // ---- F11: redirects -----------------------------------------------------------------------------------------

    @Test
    void redirectToAForeignDomainIsNotFollowed() throws Exception {
        Sipp hop = uas("uas-redirect-foreign.xml");
        startPhone(new TestKiosk()); // the domains of call.targets: 127.0.0.1
        phone.dial(1, hop.target(), 1);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class);
        assertEquals(302, f.sipStatus());
        assertEquals(CallEvent.Failure.REFUSED, f.kind());
        assertTrue(f.cause().contains("attacker.example"), f.cause());
        assertTrue(events.of(CallEvent.AttemptRedirected.class).isEmpty(), "no redirect reported to the flow");
        assertEquals(0, hop.awaitExit(Duration.ofSeconds(15)), hop.diagnostics());
    }

    @Test
    void redirectToAConfiguredDomainIsStillFollowed() throws Exception {
        Sipp hop = uas("uas-redirect-foreign.xml");
        TestKiosk k = new TestKiosk();
        k.redirectDomains = new ArrayList<>(List.of("127.0.0.1", "attacker.example"));
        startPhone(k);
        phone.dial(1, hop.target(), 1);
        assertEquals(List.of("sip:reps@attacker.example"),
                events.await(CallEvent.AttemptRedirected.class).contacts());
    }

    // ---- F11: digest ----------------------------------------------------------------------------------------------

    private TestKiosk withAccount() {
        TestKiosk k = new TestKiosk();
        k.user = USER;
        k.domain = "127.0.0.1";
        k.password = PASSWORD;
        return k;
    }

    @Test
    void sha256ListedFirstIsAnsweredWithSha256() throws Exception {
        Sipp pbx = uas("uas-challenge.xml",
                "-key", "challenge1", "Digest realm=\"pbx\", nonce=\"c0ffee-256\", qop=\"auth\", algorithm=SHA-256",
                "-key", "challenge2", "Digest realm=\"pbx\", nonce=\"c0ffee-md5\", qop=\"auth\", algorithm=MD5");
        startPhone(withAccount());
        phone.dial(1, pbx.target(), 1);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class);
        assertEquals(486, f.sipStatus(), "the authenticated INVITE got through: " + f.cause());
        assertEquals(0, pbx.awaitExit(Duration.ofSeconds(15)), pbx.diagnostics());

        Map<String, String> auth = authorization(pbx.messageLog());
        assertEquals("SHA-256", auth.get("algorithm"));
        assertEquals("c0ffee-256", auth.get("nonce"));
        String expected = DigestAuth.Algorithm.SHA_256.hash(String.join(":",
                DigestAuth.Algorithm.SHA_256.hash(USER + ":pbx:" + PASSWORD), auth.get("nonce"), auth.get("nc"),
                auth.get("cnonce"), "auth", DigestAuth.Algorithm.SHA_256.hash("INVITE:" + auth.get("uri"))));
        assertEquals(expected, auth.get("response"), "SHA-256 request-digest of RFC 8760");
    }

    @Test
    void staleNoncesAreFreeRetries() throws Exception {
        Sipp pbx = uas("uas-challenge-stale.xml");
        startPhone(withAccount());
        phone.dial(1, pbx.target(), 1);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class);
        assertEquals(486, f.sipStatus(), "two stale=true challenges did not use up the two tries: " + f.cause());
        assertEquals(0, pbx.awaitExit(Duration.ofSeconds(15)), pbx.diagnostics());
    }

    @Test
    void challengeFromAnotherRealmGetsNoCredentials() throws Exception {
        Sipp pbx = uas("uas-challenge.xml",
                "-key", "challenge1", "Digest realm=\"not-our-pbx\", nonce=\"abc\", qop=\"auth\"",
                "-key", "challenge2", "Digest realm=\"not-our-pbx\", nonce=\"def\"");
        TestKiosk k = withAccount();
        k.realm = "pbx";
        startPhone(k);
        phone.dial(1, pbx.target(), 1);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class);
        assertEquals(401, f.sipStatus());
        assertEquals(CallEvent.Failure.REFUSED, f.kind());
        assertFalse(pbx.messageLog().contains("Authorization:"), "no digest of the password went out");
    }

    @Test
    void challengeFromAHostOutsideTheTrustedDomainsGetsNoCredentials() throws Exception {
        Sipp pbx = uas("uas-challenge.xml",
                "-key", "challenge1", "Digest realm=\"pbx.example\", nonce=\"abc\", qop=\"auth\"",
                "-key", "challenge2", "Digest realm=\"pbx.example\", nonce=\"def\"");
        TestKiosk k = withAccount();
        k.redirectDomains = new ArrayList<>(List.of("pbx.example")); // 127.0.0.1 is not one of them
        startPhone(k);
        phone.dial(1, pbx.target(), 1);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class);
        assertEquals(401, f.sipStatus());
        assertFalse(pbx.messageLog().contains("Authorization:"), "no digest of the password went out");
    }

    /** The parameters of the Authorization header in sipp's log (of the authenticated INVITE). */
    private static Map<String, String> authorization(String log) {
        String line = Arrays.stream(log.split("\r?\n")).filter(l -> l.startsWith("Authorization:")).findFirst()
                .orElseThrow(() -> new AssertionError("no Authorization header in\n" + log));
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : line.substring(line.indexOf("Digest") + 6).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT),
                        part.substring(eq + 1).strip().replace("\"", ""));
            }
        }
        return params;
    }

    // ---- F14: the far end's SDP -------------------------------------------------------------------------------

    private CallEvent.AttemptFailed answeredWith(String connection, String port, String tept) throws Exception {
        startPhone(new TestKiosk());
        Sipp far = uas("uas-answer-sdp.xml", "-key", "caddr", connection,
                "-key", "cport", port.replace("SIPPORT", Integer.toString(phone.localPort())), "-key", "tept", tept);
        phone.dial(1, far.target(), 1);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class);
        assertEquals(0, far.awaitExit(Duration.ofSeconds(15)), "ACKed, then ended with BYE: " + far.diagnostics());
        return f;
    }

    @Test
    void answerWithMulticastMediaEndsTheAttemptAsFailed() throws Exception {
        CallEvent.AttemptFailed f = answeredWith("IN IP4 239.1.2.3", "40000", "101");
        assertEquals(488, f.sipStatus());
        // media the terminal must not carry: failed (never busy), and a refusal for the call-plan alarm
        assertEquals(CallEvent.Failure.MEDIA, f.kind());
        assertTrue(f.cause().contains("multicast"), f.cause());
        assertTrue(events.of(CallEvent.AttemptAnswered.class).isEmpty());
        assertTrue(media.sessions.stream().noneMatch(s -> s.started), "no RTP was sent anywhere");
    }

    @Test
    void answerWithAHostNameIsRefusedWithoutALookup() throws Exception {
        CallEvent.AttemptFailed f = answeredWith("IN IP4 localhost", "40000", "101");
        assertEquals(488, f.sipStatus());
        assertTrue(f.cause().contains("not a literal"), f.cause());
    }

    @Test
    void answerPointingAtTheTerminalsOwnSipPortIsRefused() throws Exception {
        CallEvent.AttemptFailed f = answeredWith("IN IP4 127.0.0.1", "SIPPORT", "101");
        assertEquals(488, f.sipStatus());
        assertTrue(f.cause().contains("own SIP port"), f.cause());
    }

    @Test
    void callBackOfferingMulticastMediaGets488AndNeverRings() throws Exception {
        TestKiosk k = new TestKiosk();
        k.allowIncomingFrom = new ArrayList<>(List.of("127.0.0.1"));
        k.transport = SipConfig.Transport.TCP; // over UDP only a call-back to the registered Contact rings
        startPhone(k);
        Sipp representative = Sipp.uac(phone.localPort(), "uac-offer-sdp.xml", "-t", "t1", "-key", "caddr",
                "IN IP4 239.1.2.3");
        peers.add(representative);
        assertEquals(0, representative.awaitExit(Duration.ofSeconds(15)), "488 came: " + representative.diagnostics());
        assertTrue(events.of(CallEvent.IncomingCall.class).isEmpty(), "nothing rang");
        assertEquals(488, events.await(CallEvent.IncomingRefused.class).sipStatus(), "the call log is told");
    }

    @Test
    void telephoneEventAbove127IsNotUsed() throws Exception {
        startPhone(new TestKiosk());
        Sipp far = uas("uas-answer-sdp.xml", "-key", "caddr", "IN IP4 127.0.0.1", "-key", "cport", "40000",
                "-key", "tept", "200");
        phone.dial(1, far.target(), 1);
        events.await(CallEvent.AttemptAnswered.class);
        assertEquals(-1, media.last().telephoneEvent, "payload type 200 is no RTP payload type");
        phone.hangUp(1);
        assertEquals(0, far.awaitExit(Duration.ofSeconds(15)), far.diagnostics());
    }
}
