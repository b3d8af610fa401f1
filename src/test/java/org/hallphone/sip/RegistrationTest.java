package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hallphone.call.Backoff;
import org.hallphone.call.CallEvent;
import org.hallphone.testing.Kamailio;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registration and authenticated calls against a real Kamailio (registrar and proxy with digest auth). */
class RegistrationTest {

    private static final String USER = "kiosk1";
    private static final String PASSWORD = "S3cret-pa55";
    private static final Backoff FAST = new Backoff(Duration.ofMillis(300), Duration.ofSeconds(1), true);

    private final Events events = new Events();
    /** REGISTERs (refreshes included) the registrar confirmed. */
    private final AtomicInteger registrationsConfirmed = new AtomicInteger();
    private Kamailio kamailio;
    private SipPhone phone;
    private Sipp sipp;

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
        if (sipp != null) {
            sipp.close();
        }
    }

    private TestKiosk kiosk(String password) {
        TestKiosk k = new TestKiosk();
        k.registrar = kamailio.registrar();
        k.user = USER;
        k.password = password;
        return k;
    }

    private void startPhone(TestKiosk k) {
        phone = new SipPhone(k.build(), new FakeMedia(), "9.9", SipPhone.Options.DEFAULTS.withRegistration(FAST, 100)
                .withProbe(new SipPhone.Probe() {
                    @Override
                    public void registrationConfirmed() {
                        registrationsConfirmed.incrementAndGet();
                    }
                }));
        phone.start(events);
    }

    @Test
    void registersWithDigestAndRefreshesBeforeExpiry() throws Exception {
        kamailio = new Kamailio(USER, PASSWORD, "127.0.0.1:9", 2).start();
        TestKiosk k = kiosk(PASSWORD);
        k.registerExpiry = Duration.ofSeconds(3);
        try (LogCapture logs = new LogCapture()) {
            startPhone(k);
            events.await(CallEvent.RegistrationChanged.class, CallEvent.RegistrationChanged::registered);
            assertTrue(phone.status().registered(), phone.status().toString());
            Wait.until("two refreshes", Duration.ofSeconds(15), () -> registrationsConfirmed.get() >= 3);
            assertFalse(logs.text().contains(PASSWORD), "the password never reaches a log");
            assertTrue(logs.text().contains("Authorization: Digest"), "the wire log was captured");
            assertFalse(logs.text().matches("(?s).*response=\"[0-9a-f]{32}\".*"), "digest responses are masked");
            phone.close();
            assertTrue(logs.text().contains("unregistered from " + kamailio.registrar()), "close() unregisters");
            assertTrue(logs.count("org.hallphone.sip.wire", "Expires: 0") > 0, "with Expires: 0");
        }
        assertEquals(1, events.of(CallEvent.RegistrationChanged.class).size(), "no flapping while refreshing");
    }

    @Test
    void wrongPasswordFailsClearlyWithoutLooping() throws Exception {
        kamailio = new Kamailio(USER, PASSWORD, "127.0.0.1:9", 2).start();
        try (LogCapture logs = new LogCapture()) {
            phone = new SipPhone(kiosk("wrong-password").build(), new FakeMedia(), "9.9", SipPhone.Options.DEFAULTS
                    .withRegistration(new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30), true), 100));
            phone.start(events);
            CallEvent.RegistrationChanged down = events.await(CallEvent.RegistrationChanged.class);
            assertFalse(down.registered());
            assertTrue(down.cause().contains("rejected the credentials"), down.cause());
            assertFalse(phone.status().registered());
            Thread.sleep(1500);
            long sent = logs.count("org.hallphone.sip.wire", "REGISTER sip:");
            assertTrue(sent <= 3, "at most the first REGISTER and two answers to challenges, got " + sent);
            assertTrue(logs.text().contains("not registered: registrar " + kamailio.registrar()
                    + " rejected the credentials"), "a clear log line");
            assertFalse(logs.text().contains("wrong-password"), "the password never reaches a log");
        }
    }

    @Test
    void tooShortALifetimeIsRaisedToTheRegistrarsMinimum() throws Exception {
        kamailio = new Kamailio(USER, PASSWORD, "127.0.0.1:9", 120).start();
        TestKiosk k = kiosk(PASSWORD);
        k.registerExpiry = Duration.ofSeconds(30);
        try (LogCapture logs = new LogCapture()) {
            startPhone(k);
            events.await(CallEvent.RegistrationChanged.class, CallEvent.RegistrationChanged::registered);
            assertTrue(logs.text().contains("registrar asks for at least 120 s registrations (423)"), logs.text());
            assertTrue(logs.text().contains("registered with " + kamailio.registrar() + " for 120 s"), logs.text());
        }
    }

    @Test
    void wrongPasswordOnACallEndsTheAttemptWithoutLooping() throws Exception {
        sipp = Sipp.uas("uas-record-route.xml");
        kamailio = new Kamailio(USER, PASSWORD, "127.0.0.1:" + sipp.port, 2).start();
        TestKiosk k = new TestKiosk();
        k.proxy = kamailio.registrar();
        k.user = USER;
        k.domain = "127.0.0.1";
        k.password = "not-the-password";
        startPhone(k);
        phone.dial(21, "sip:reps@127.0.0.1", 1);
        CallEvent.AttemptFailed failed = events.await(CallEvent.AttemptFailed.class);
        assertEquals(407, failed.sipStatus());
        assertEquals(CallEvent.Failure.REFUSED, failed.kind(), "the account is refused: failed, never busy");
        Thread.sleep(500);
        long challenges = kamailio.log().lines().filter(l -> l.contains("challenging INVITE")).count();
        assertEquals(3, challenges, "the first INVITE and two answers to challenges, then it stops");
        assertFalse(sipp.messageLog().contains("INVITE sip:"), "never reached the far end");
    }

    @Test
    void recoversByItselfWhenTheRegistrarComesBack() throws Exception {
        kamailio = new Kamailio(USER, PASSWORD, "127.0.0.1:9", 2).start();
        TestKiosk k = kiosk(PASSWORD);
        k.registerExpiry = Duration.ofSeconds(2);
        startPhone(k);
        events.await(CallEvent.RegistrationChanged.class, CallEvent.RegistrationChanged::registered);

        kamailio.stop();
        CallEvent.RegistrationChanged lost = events.await(CallEvent.RegistrationChanged.class, e -> !e.registered(),
                Duration.ofSeconds(20));
        assertTrue(lost.cause().contains("does not answer") || lost.cause().contains("cannot reach"), lost.cause());

        kamailio.start();
        // the status changes just before the event is posted: wait for both
        Wait.until("registered again", Duration.ofSeconds(20), () -> phone.status().registered()
                && events.all.get(events.all.size() - 1) instanceof CallEvent.RegistrationChanged r && r.registered());
    }

    @Test
    void authenticatedCallThroughTheProxyReachesTheFarEndAndEnds() throws Exception {
        sipp = Sipp.uas("uas-record-route.xml", "-rtp_echo");
        kamailio = new Kamailio(USER, PASSWORD, "127.0.0.1:" + sipp.port, 2).start();
        TestKiosk k = kiosk(PASSWORD);
        k.proxy = kamailio.registrar();
        LogCapture logs = new LogCapture();
        try (logs) {
            startPhone(k);
            events.await(CallEvent.RegistrationChanged.class, CallEvent.RegistrationChanged::registered);
            phone.dial(11, "sip:reps@127.0.0.1", 1);
            events.await(CallEvent.AttemptAnswered.class, e -> e.attemptId() == 11);
        }
        assertTrue(logs.text().contains("Proxy-Authorization: Digest"), "the authenticated INVITE was logged");
        assertFalse(logs.text().contains(PASSWORD), "the password never reaches a log");
        String log = sipp.messageLog();
        assertTrue(log.contains("Record-Route: <sip:127.0.0.1:" + kamailio.port), log);
        assertTrue(log.contains("X-Hallphone-Terminal: ivanovo-onco-hall1"), log);
        phone.hangUp(11);
        assertEquals(0, sipp.awaitExit(Duration.ofSeconds(15)), sipp.diagnostics() + kamailio.log());
        assertTrue(kamailio.log().contains("challenging INVITE from " + USER), kamailio.log());
    }
}
