package org.hallphone.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.hallphone.call.Backoff;
import org.hallphone.call.CallEvent;
import org.hallphone.config.SipConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIP over TLS against a small Java TLS registrar with a self-signed certificate made by keytool: the terminal
 * registers when the certificate is trusted and names the host, and refuses otherwise.
 */
class TlsTest {

    private static final String PASS = "changeit";

    private Path dir;
    private final Events events = new Events();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private SSLServerSocket server;
    private Thread serverThread;
    private SipPhone phone;

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory("sip-tls-");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (phone != null) {
            phone.close();
        }
        if (server != null) {
            server.close();
        }
        if (serverThread != null) {
            serverThread.interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** keytool -genkeypair into {@code name}.p12, its certificate exported to {@code name}.crt. */
    private Path keyPair(String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASS, "-keypass", PASS);
        keytool("-exportcert", "-alias", name, "-keystore", store.toString(), "-storepass", PASS,
                "-file", dir.resolve(name + ".crt").toString());
        return store;
    }

    private Path trustStore(String... names) throws Exception {
        Path trust = dir.resolve("trust.p12");
        for (String name : names) {
            keytool("-importcert", "-noprompt", "-alias", name, "-file", dir.resolve(name + ".crt").toString(),
                    "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", PASS);
        }
        return trust;
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    /** A one-connection TLS registrar that answers every REGISTER with 200 (Contact granted 600 s). */
    private int startRegistrar(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5,
                java.net.InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        serverThread = new Thread(this::serve, "tls-registrar");
        serverThread.setDaemon(true);
        serverThread.start();
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(20_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                while (true) {
                    List<String> head = new ArrayList<>();
                    String line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        head.add(line);
                    }
                    if (line == null) {
                        break;
                    }
                    if (head.isEmpty()) {
                        continue; // keep-alive CRLF
                    }
                    received.add(head.get(0));
                    StringBuilder reply = new StringBuilder("SIP/2.0 200 OK\r\n");
                    for (String h : head) {
                        String lower = h.toLowerCase();
                        if (lower.startsWith("via:") || lower.startsWith("from:") || lower.startsWith("call-id:")
                                || lower.startsWith("cseq:")) {
                            reply.append(h).append("\r\n");
                        } else if (lower.startsWith("to:")) {
                            reply.append(h).append(";tag=reg1\r\n");
                        } else if (lower.startsWith("contact:")) {
                            reply.append(h).append(";expires=600\r\n");
                        }
                    }
                    reply.append("Content-Length: 0\r\n\r\n");
                    out.write(reply.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                // handshake refused or connection closed: wait for the next one
            }
        }
    }

    private void startPhone(int port, Path trust) {
        TestKiosk k = new TestKiosk();
        k.transport = SipConfig.Transport.TLS;
        k.registrar = "127.0.0.1:" + port;
        k.user = "kiosk1";
        k.trustStore = trust;
        k.trustStorePassword = PASS;
        phone = new SipPhone(k.build(), new FakeMedia(), "tls", SipPhone.Options.DEFAULTS
                .withRegistration(new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30), true), 100));
        phone.start(events);
    }

    @Test
    void registersOverTlsWithATrustedCertificateThatNamesTheHost() throws Exception {
        Path server = keyPair("pbx", "ip:127.0.0.1");
        startPhone(startRegistrar(server), trustStore("pbx"));
        CallEvent.RegistrationChanged r = events.await(CallEvent.RegistrationChanged.class);
        assertTrue(r.registered(), r.toString());
        assertTrue(received.get(0).startsWith("REGISTER sips:") || received.get(0).contains("transport=tls"),
                received.toString());
    }

    /**
     * Review F19: the name is checked in the handshake of every TLS connection the stack opens, also for sends
     * without a transaction (an ACK to a 2xx, a response on a new connection), where {@link TlsHostCheck} is not
     * asked: the certificate must name a trusted host that resolves to the address, or the address itself.
     */
    @Test
    void everyNewTlsConnectionChecksThePeerName() throws Exception {
        Resolver names = new Resolver(host -> new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()},
                Duration.ofSeconds(2));
        Resolver previous = Resolver.replaceShared(names);
        try {
            names.resolve("pbx.example").get();
            names.resolve("attacker.example").get();
            TlsPeerCheck.trust(new TrustedDomains(List.of("pbx.example"), ""));
            keyPair("pbx", "dns:pbx.example");
            keyPair("other", "dns:attacker.example");
            Path trust = trustStore("pbx", "other");
            java.util.Properties p = new java.util.Properties();
            p.setProperty("javax.net.ssl.trustStore", trust.toString());
            p.setProperty("javax.net.ssl.trustStorePassword", PASS);
            TlsPeerCheck layer = new TlsPeerCheck();
            layer.configure(p);

            int port = startRegistrar(dir.resolve("pbx.p12"));
            try (SSLSocket ok = layer.createSSLSocket(java.net.InetAddress.getLoopbackAddress(), port)) {
                ok.startHandshake(); // pbx.example is trusted and resolves to this address
            }
            server.close();
            serverThread.join(5_000);
            int other = startRegistrar(dir.resolve("other.p12"));
            try (SSLSocket refused = layer.createSSLSocket(java.net.InetAddress.getLoopbackAddress(), other)) {
                javax.net.ssl.SSLHandshakeException e = org.junit.jupiter.api.Assertions.assertThrows(
                        javax.net.ssl.SSLHandshakeException.class, refused::startHandshake,
                        "a valid certificate, but for a host the terminal does not trust");
                assertTrue(String.valueOf(e.getMessage()).contains("names none of"), e.toString());
            }
        } finally {
            Resolver.replaceShared(previous);
            names.close();
        }
    }

    @Test
    void refusesACertificateForAnotherHost() throws Exception {
        Path server = keyPair("other", "dns:other.example");
        startPhone(startRegistrar(server), trustStore("other"));
        CallEvent.RegistrationChanged r = events.await(CallEvent.RegistrationChanged.class);
        assertFalse(r.registered(), r.toString());
        assertTrue(r.cause().contains("TLS"), r.cause());
        assertTrue(received.isEmpty(), "nothing sent to the wrong host: " + received);
    }

    @Test
    void refusesAnUntrustedCertificate() throws Exception {
        Path server = keyPair("pbx", "ip:127.0.0.1");
        keyPair("someone", "ip:127.0.0.1");
        startPhone(startRegistrar(server), trustStore("someone"));
        CallEvent.RegistrationChanged r = events.await(CallEvent.RegistrationChanged.class);
        assertFalse(r.registered(), r.toString());
        assertTrue(received.isEmpty(), "nothing sent over an untrusted connection: " + received);
    }
}
