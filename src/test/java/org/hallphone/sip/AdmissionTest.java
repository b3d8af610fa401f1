package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.address.AddressFactory;
import javax.sip.SipFactory;
import org.hallphone.config.SipConfig;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The admission rules, the per-source budget, the collapsed log lines, media ranges, caller URIs and ids. */
class AdmissionTest {

    private static final InetAddress PBX = address("10.0.0.7");
    private static final InetAddress REGISTRAR = address("10.0.0.8");
    private static final InetAddress STRANGER = address("10.0.0.66");

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Admission udp(String contactUser) {
        Admission a = new Admission(List.of("10.0.0.7"), List.of("10.0.0.8:5060", "[::1]:5070"),
                SipConfig.Transport.UDP, new SourceLimiter());
        a.contactUserFrom(() -> contactUser);
        return a;
    }

    @Test
    void overUdpACallBackRingsOnlyWhenAddressedToTheRegisteredContact() {
        Admission a = udp("hpsecret");
        assertEquals(Admission.Verdict.PASS, a.decide("INVITE", false, "hpsecret", PBX).verdict());
        assertEquals(Admission.Verdict.REFUSE, a.decide("INVITE", false, "kiosk", PBX).verdict(),
                "the PBX's address alone proves nothing over UDP");
        assertEquals(Admission.Verdict.REFUSE, a.decide("INVITE", false, "hpsecret", STRANGER).verdict(),
                "not in sip.allow-incoming-from");
        assertEquals(Admission.Verdict.REFUSE, udp(null).decide("INVITE", false, "kiosk", PBX).verdict(),
                "without registration there is no Contact to prove anything over UDP");
    }

    @Test
    void overTcpTheAllowedSourceIsEnough() {
        Admission a = new Admission(List.of("10.0.0.7"), List.of(), SipConfig.Transport.TCP, new SourceLimiter());
        assertEquals(Admission.Verdict.PASS, a.decide("INVITE", false, "anything", PBX).verdict());
        assertEquals(Admission.Verdict.REFUSE, a.decide("INVITE", false, "anything", STRANGER).verdict());
    }

    @Test
    void nobodyCallsBackWhenTheListIsEmpty() {
        Admission a = new Admission(List.of(), List.of("10.0.0.8"), SipConfig.Transport.TLS, new SourceLimiter());
        assertEquals(Admission.Verdict.REFUSE, a.decide("INVITE", false, "x", REGISTRAR).verdict());
    }

    @Test
    void optionsIsForPeersOnlyAndStrangersHaveABudget() {
        Admission a = udp("hpsecret");
        assertEquals(Admission.Verdict.PASS, a.decide("OPTIONS", false, "x", REGISTRAR).verdict());
        assertEquals(Admission.Verdict.PASS, a.decide("OPTIONS", false, "x", address("::1")).verdict());
        assertEquals(Admission.Verdict.DROP, a.decide("OPTIONS", false, "x", STRANGER).verdict());
        assertEquals(Admission.Verdict.REFUSE, a.decide("MESSAGE", false, "x", STRANGER).verdict());
        assertEquals(Admission.Verdict.PASS, a.decide("BYE", true, "x", STRANGER).verdict(),
                "in-dialog requests go on to the stack, which matches them to dialogs");
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            if (a.decide("BYE", true, "x", STRANGER).verdict() == Admission.Verdict.PASS) {
                passed++;
            }
        }
        assertTrue(passed < 20, "a stranger's flood is cut off: " + passed);
        for (int i = 0; i < 100; i++) {
            assertEquals(Admission.Verdict.PASS, a.decide("BYE", true, "x", REGISTRAR).verdict(), "peers never");
        }
    }

    @Test
    void tokenBucketRefillsAtItsRate() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        SourceLimiter limiter = new SourceLimiter(now::get);
        int burst = 0;
        while (limiter.allow(STRANGER)) {
            burst++;
        }
        assertEquals((int) SourceLimiter.BURST, burst);
        assertFalse(limiter.allow(STRANGER));
        assertTrue(limiter.allow(PBX), "budgets are per source");
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertTrue(limiter.allow(STRANGER));
        assertTrue(limiter.allow(STRANGER));
        assertFalse(limiter.allow(STRANGER), "two a second");
    }

    @Test
    void repeatedLinesAreCollapsedIntoACount() {
        AtomicLong now = new AtomicLong();
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("test.repeated");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            RepeatedLog log = new RepeatedLog(logger, now::get);
            for (int i = 0; i < 413; i++) {
                log.warn("refused", "refused {}", i);
            }
            assertEquals(1, lines.list.size());
            now.addAndGet(RepeatedLog.WINDOW_NANOS);
            log.flush();
            assertEquals(2, lines.list.size());
            assertEquals("refused: ... 412 more in the last minute", lines.list.get(1).getFormattedMessage());
            log.warn("refused", "refused {}", "again");
            assertEquals("refused again", lines.list.get(2).getFormattedMessage());
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void mediaGoesToTheSignallingAddressOrIntoAConfiguredRange() {
        MediaRange none = MediaRange.of(List.of());
        assertTrue(none.allows(PBX, PBX));
        assertFalse(none.allows(STRANGER, PBX));
        MediaRange lan = MediaRange.of(List.of("10.20.0.0/16", "192.0.2.9", "2001:db8::/32"));
        assertTrue(lan.allows(address("10.20.255.1"), PBX));
        assertFalse(lan.allows(address("10.21.0.1"), PBX));
        assertTrue(lan.allows(address("192.0.2.9"), PBX));
        assertFalse(lan.allows(address("192.0.2.10"), PBX));
        assertTrue(lan.allows(address("2001:db8:1::5"), PBX));
        assertFalse(lan.allows(null, PBX));
        assertTrue(MediaRange.of(List.of("10.0.0.0/7")).allows(address("11.1.1.1"), PBX), "odd prefix lengths");
    }

    @Test
    void callerIsTheUriWithoutDisplayNameOrParameters() throws Exception {
        AddressFactory f = SipFactory.getInstance().createAddressFactory();
        assertEquals("sip:rep@pbx.example", CallerUri.of(
                f.createAddress("\"=HYPERLINK(\\\"http://evil\\\")\" <sip:rep@PBX.example:5060;transport=udp>")));
        assertEquals("sips:7001@10.0.0.7", CallerUri.of(f.createAddress("<sips:7001@10.0.0.7>")));
        assertEquals("sip:unknown@pbx.example", CallerUri.of(f.createAddress("<sip:%3Dcmd@pbx.example>")));
        assertEquals("unknown", CallerUri.of(f.createAddress("<tel:+74951234567>")));
    }

    @Test
    void hostNamesAreAdmittedFromTheResolversAnswers() {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        Resolver.Lookup dns = host -> {
            lookups.incrementAndGet();
            if (host.equals("pbx.test")) {
                return new InetAddress[] {PBX};
            }
            throw new java.net.UnknownHostException(host);
        };
        try (Resolver names = new Resolver(dns, java.time.Duration.ofSeconds(3));
             Admission a = new Admission(List.of("pbx.test"), List.of("registrar.test"), SipConfig.Transport.TCP,
                     new SourceLimiter(), names)) {
            assertEquals("not in sip.allow-incoming-from", a.callBackRefusal("x", PBX));
            assertEquals(0, lookups.get(), "no lookup before start (the constructor runs on the SIP thread)");
            a.start();
            org.hallphone.testing.Wait.until("the resolver's answer reaches the admission",
                    java.time.Duration.ofSeconds(10), () -> a.callBackRefusal("x", PBX) == null);
            assertTrue(a.isPeer(PBX));
            assertFalse(a.isPeer(STRANGER));
            assertEquals(Admission.Verdict.REFUSE, a.decide("INVITE", false, "x", STRANGER).verdict());
        }
    }

    @Test
    void theHandOffToTheSipThreadIsBounded() throws Exception {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
        javax.sip.SipListener target = new javax.sip.SipListener() {
            @Override public void processRequest(javax.sip.RequestEvent e) { handled.incrementAndGet(); }
            @Override public void processResponse(javax.sip.ResponseEvent e) { }
            @Override public void processTimeout(javax.sip.TimeoutEvent e) { }
            @Override public void processIOException(javax.sip.IOExceptionEvent e) { }
            @Override public void processTransactionTerminated(javax.sip.TransactionTerminatedEvent e) { }
            @Override public void processDialogTerminated(javax.sip.DialogTerminatedEvent e) { }
        };
        ListenerOnThread listener = new ListenerOnThread(queued::add, target); // a SIP thread that is stuck
        javax.sip.message.Request options = SipFactory.getInstance().createMessageFactory().createRequest(
                "OPTIONS sip:k@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:k@127.0.0.1>\r\nCall-ID: 1\r\nCSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
        for (int i = 0; i < 1_000; i++) {
            listener.processRequest(new javax.sip.RequestEvent(this, null, null, options));
        }
        assertEquals(ListenerOnThread.MAX_PENDING_REQUESTS, queued.size(), "the rest was dropped");
        queued.forEach(Runnable::run);
        assertEquals(ListenerOnThread.MAX_PENDING_REQUESTS, handled.get());
        // handled requests no longer count as waiting: once the thread catches up a full queue is taken again
        queued.clear();
        for (int i = 0; i < 1_000; i++) {
            listener.processRequest(new javax.sip.RequestEvent(this, null, null, options));
        }
        assertEquals(ListenerOnThread.MAX_PENDING_REQUESTS, queued.size(), "the queue is free again");
    }

    @Test
    void theVersionInUserAgentIsOptional() {
        org.hallphone.config.KioskConfig base = new TestKiosk().build();
        assertEquals("Hallphone/2.0", Identity.of(base, "2.0").userAgent());
        SipConfig s = base.sip();
        SipConfig.Account a = s.account();
        SipConfig quiet = new SipConfig(s.localAddress(), s.localPort(), s.transport(),
                new SipConfig.Account(a.registrar(), a.proxy(), a.user(), a.authUser(), a.domain(), a.password(),
                        a.realm(), a.registerExpiry(), false),
                s.keepAlive(), s.incoming(), s.tls(), s.rtp());
        org.hallphone.config.KioskConfig withoutVersion = new org.hallphone.config.KioskConfig(base.source(),
                base.terminal(), base.handset(), quiet, base.call(), base.audio(), base.calllog(), base.health(),
                base.ui());
        assertEquals("Hallphone", Identity.of(withoutVersion, "2.0").userAgent());
    }

    @Test
    void idsAreLongRandomHex() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String tag = Ids.tag();
            assertTrue(tag.matches("[0-9a-f]{16}"), tag);
            assertTrue(seen.add(tag));
        }
        assertTrue(Ids.branch().matches("z9hG4bK[0-9a-f]{24}"));
        assertTrue(Ids.callId().matches("[0-9a-f]{32}"));
        assertTrue(Ids.contactUser().matches("hp[0-9a-f]{24}"));
        assertNotEquals(Ids.contactUser(), Ids.contactUser());
        assertEquals(Ids.tag().length(), Requests.newTag().length(), "Requests draws its tags from Ids");
    }
}
