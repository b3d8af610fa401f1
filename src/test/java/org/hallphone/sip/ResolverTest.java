package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Review F9: DNS never on the SIP thread. JDK 17 has no supported way to point {@code InetAddress} at another name
 * server for one process (the {@code sun.net.spi.nameservice} property went away with JDK 9, the resolver SPI came only
 * with JDK 18, and /etc/resolv.conf is shared with every other test on the machine). So the resolver's lookup seam
 * is given the JDK's own DNS client (JNDI {@code dns://}) pointed at a local UDP socket that receives the queries and
 * never answers: real DNS packets, a real hang.
 */
class ResolverTest {

    private DatagramSocket silentDns;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<Sipp> peers = new ArrayList<>();
    private Resolver resolver;
    private Resolver previous;
    private SipPhone phone;

    @BeforeEach
    void silentNameServer() throws Exception {
        silentDns = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[512];
            while (!silentDns.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    silentDns.receive(p);
                    // the question's name, for the assertions (bytes 12.. hold length-prefixed labels)
                    queries.add(new String(p.getData(), 12, p.getLength() - 12, StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }, "silent-dns");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void tearDown() {
        if (phone != null) {
            phone.close();
        }
        peers.forEach(Sipp::close);
        if (previous != null || resolver != null) {
            Resolver.replaceShared(previous);
        }
        if (resolver != null) {
            resolver.close();
        }
        silentDns.close();
    }

    /** The JDK's DNS client asking only the silent server, with a 20 s time-out per query. */
    private Resolver.Lookup viaSilentServer() {
        int port = silentDns.getLocalPort();
        return host -> {
            Hashtable<String, String> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
            env.put(Context.PROVIDER_URL, "dns://127.0.0.1:" + port);
            env.put("com.sun.jndi.dns.timeout.initial", "20000");
            env.put("com.sun.jndi.dns.timeout.retries", "1");
            try {
                Attribute a = new InitialDirContext(env).getAttributes(host, new String[] {"A"}).get("A");
                if (a == null) {
                    throw new UnknownHostException(host);
                }
                return new InetAddress[] {InetAddress.getByName((String) a.get())};
            } catch (NamingException e) {
                throw new UnknownHostException(host + ": " + e);
            }
        };
    }

    private boolean asked(String label) {
        return queries.stream().anyMatch(q -> q.contains(label));
    }

    @Test
    void aHangingLookupNeverHoldsTheCallerAndFailuresAreCached() throws Exception {
        resolver = new Resolver(viaSilentServer(), Duration.ofSeconds(1));
        assertEquals(List.of(), resolver.cached("pbx.slow.test"), "nothing known yet, and no waiting");
        CompletableFuture<List<InetAddress>> lookup = resolver.resolve("pbx.slow.test");
        Wait.until("the query reached the name server", Duration.ofSeconds(10), () -> asked("slow"));
        assertFalse(lookup.isDone(), "the server never answers");
        Wait.until("the lookup gives up after its budget", Duration.ofSeconds(10), lookup::isDone);
        assertTrue(lookup.isCompletedExceptionally());
        assertFalse(resolver.unknown("pbx.slow.test"), "the failure is cached");
        assertEquals(List.of(), resolver.cached("pbx.slow.test"));
        assertEquals(0, resolver.lookupsUnderWay(), "a cached failure starts no new lookup");
        assertEquals(List.of(InetAddress.getByName("10.1.2.3")), resolver.cached("10.1.2.3"), "literals need none");
    }

    @Test
    void knownAddressesSurviveADeadNameServer() throws Exception {
        AtomicBoolean dnsDead = new AtomicBoolean();
        Resolver.Lookup dead = viaSilentServer();
        resolver = new Resolver(host -> dnsDead.get() ? dead.lookup(host)
                : new InetAddress[] {InetAddress.getByName("10.9.8.7")}, Duration.ofSeconds(1));
        resolver.resolve("pbx.example.test").get();
        dnsDead.set(true);
        CompletableFuture<List<InetAddress>> refresh = resolver.resolve("pbx.example.test");
        Wait.until("the refresh gives up", Duration.ofSeconds(10), refresh::isDone);
        assertTrue(asked("pbx"), "the refresh really asked the (dead) server");
        assertEquals(List.of(InetAddress.getByName("10.9.8.7")), resolver.cached("pbx.example.test"),
                "a dead DNS server does not take a working PBX away");
    }

    @Test
    void callsAndCallBacksGoOnWhileTheAllowListNameHangs() throws Exception {
        resolver = new Resolver(viaSilentServer(), Duration.ofSeconds(1));
        previous = Resolver.replaceShared(resolver);
        Sipp far = Sipp.uas("uas", "-t", "t1", "-rtp_echo");
        peers.add(far);
        TestKiosk k = new TestKiosk();
        k.transport = SipConfig.Transport.TCP; // over UDP only a call-back to the registered Contact rings
        k.allowIncomingFrom = new ArrayList<>(List.of("callback.slow.test", "127.0.0.1"));
        k.targets = new ArrayList<>(List.of(far.target(), "sip:reps@target.slow.test"));
        Events events = new Events();
        phone = new SipPhone(k.build(), new FakeMedia(), "2.0");
        phone.start(events);
        assertTrue(asked("callback"), "the allow-list name was looked up at start, off the SIP thread");

        // each of these would wait 20 s for the name server if a lookup ran on the SIP thread
        Sipp representative = Sipp.uac(phone.localPort(), "uac-cancel.xml", "-t", "t1");
        peers.add(representative);
        events.await(CallEvent.IncomingCall.class);
        assertEquals(0, representative.awaitExit(Duration.ofSeconds(15)), representative.diagnostics());
        phone.dial(1, far.target(), 1);
        events.await(CallEvent.AttemptAnswered.class, e -> e.attemptId() == 1);
        phone.hangUp(1);

        // a target whose name cannot be resolved fails on its own, without holding anything up
        phone.dial(2, "sip:reps@target.slow.test", 2);
        CallEvent.AttemptFailed f = events.await(CallEvent.AttemptFailed.class, e -> e.attemptId() == 2);
        assertEquals(CallEvent.Failure.NETWORK, f.kind());
        assertTrue(f.cause().contains("target.slow.test"), f.cause());
        assertEquals(0, far.awaitExit(Duration.ofSeconds(15)), far.diagnostics());
    }
}
