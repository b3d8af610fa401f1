package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hallphone.call.CallState;
import org.hallphone.config.KioskConfig;
import org.hallphone.media.FileDevice;
import org.hallphone.ops.Provisioning;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.KioskProperties;
import org.hallphone.testing.HttpFolderServer;
import org.hallphone.testing.SocatPair;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central provisioning against a real web server (Python's http.server): the central files are laid over the local
 * file, an unchanged file costs a 304, a changed one is taken and logged key by key, an invalid one is refused
 * with its file:line:key, an unreachable server leaves the terminal on its last good copy, and a change that
 * arrives during a call is applied only after it.
 */
class ProvisioningTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private HttpFolderServer server;
    private Provisioning provisioning;
    private final List<AutoCloseable> others = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        if (provisioning != null) {
            provisioning.close();
        }
        for (AutoCloseable other : others) {
            other.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Path centre() throws Exception {
        return Files.createDirectories(dir.resolve("centre"));
    }

    /** Writes a central file with a modification time {@code age} before now (the server's Last-Modified). */
    private void publish(String name, String text, Duration age) throws Exception {
        Path file = centre().resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    private Path localConfig(String target) throws Exception {
        return KioskProperties.terminal(dir, Path.of("simulated"), target)
                .set("terminal.id", "hall1")
                .set("provisioning.url", server.url())
                .set("provisioning.cache-dir", dir.resolve("kept"))
                .writeIn(dir);
    }

    private Provisioning start(Path local) throws Exception {
        provisioning = Provisioning.start(local, Map.of(), Clock.systemUTC());
        return provisioning;
    }

    @Test
    void centralFilesAreLaidOverTheLocalOneAndUnchangedOnesCostA304() throws Exception {
        server = new HttpFolderServer(centre(), dir.resolve("access.log")).start();
        publish("common.properties", "# fleet\ncall.ring-timeout-s=25\nui.hotline=8-800-100-00-00\n",
                Duration.ofMinutes(10));
        publish("hall1.properties", "call.ring-timeout-s=12\n", Duration.ofMinutes(10));
        KioskConfig config = start(localConfig("sip:reps@127.0.0.1:5999")).config();
        assertEquals(Duration.ofSeconds(12), config.call().ringTimeout(), "own file wins over common");
        assertEquals("8-800-100-00-00", config.ui().hotline(), "common file wins over local");
        assertEquals("server", provisioning.status().source());
        assertEquals(1, server.answered("common.properties", 200));

        List<List<String>> applied = new CopyOnWriteArrayList<>();
        provisioning.schedule((next, changes) -> applied.add(changes));
        assertFalse(provisioning.checkNow(), "nothing changed");
        assertEquals(1, server.answered("common.properties", 304), "the unchanged file cost a 304");
        assertEquals(1, server.answered("hall1.properties", 304));
        assertEquals(List.of(), applied);

        publish("hall1.properties", "call.ring-timeout-s=20\nsip.password=new-secret\n", Duration.ZERO);
        assertTrue(provisioning.checkNow(), "a changed file is taken");
        assertEquals(List.of(List.of("sip.password: changed (secret, not shown)",
                "call.ring-timeout-s: \"12\" -> \"20\"")), applied);
        assertEquals(Duration.ofSeconds(20), provisioning.config().call().ringTimeout());
        assertTrue(Files.readString(dir.resolve("kept/hall1.properties")).contains("call.ring-timeout-s=20"),
                "the good copy is kept on disk");
    }

    @Test
    void anInvalidFileIsRefusedWithItsFileLineAndKeyAndTheOldOneKept() throws Exception {
        server = new HttpFolderServer(centre(), dir.resolve("access.log")).start();
        publish("common.properties", "call.cycles=3\n", Duration.ofMinutes(10));
        start(localConfig("sip:reps@127.0.0.1:5999"));
        List<String> applied = new CopyOnWriteArrayList<>();
        provisioning.schedule((next, changes) -> applied.addAll(changes));

        publish("common.properties", "call.cycles=many\n", Duration.ZERO);
        assertFalse(provisioning.checkNow(), "an invalid file is not taken");
        assertEquals(3, provisioning.config().call().cycles(), "the configuration in use stays");
        assertEquals(List.of(), applied);
        String error = provisioning.status().error();
        assertTrue(error.contains(server.url() + "common.properties:1: call.cycles: expected a whole number"),
                error);
        assertEquals("call.cycles=3\n", Files.readString(dir.resolve("kept/common.properties")),
                "the kept copy is the last good one");
    }

    @Test
    void anUnreachableServerStartsTheTerminalFromTheLastGoodCopy() throws Exception {
        server = new HttpFolderServer(centre(), dir.resolve("access.log")).start();
        publish("common.properties", "call.cycles=3\nui.hotline=8-800-200-00-00\n", Duration.ofMinutes(10));
        Path local = localConfig("sip:reps@127.0.0.1:5999");
        start(local).close();
        server.stop();

        provisioning = Provisioning.start(local, Map.of(), Clock.systemUTC());
        assertEquals(3, provisioning.config().call().cycles(), "offline start from the kept copy");
        assertEquals("8-800-200-00-00", provisioning.config().ui().hotline());
        assertEquals("kept copy", provisioning.status().source());
        assertTrue(provisioning.status().error().startsWith("provisioning server not reachable"),
                provisioning.status().error());
        assertFalse(provisioning.checkNow(), "still unreachable: nothing changes");
    }

    @Test
    void aChangeArrivingDuringACallIsAppliedAfterIt() throws Exception {
        server = new HttpFolderServer(centre(), dir.resolve("access.log")).start();
        publish("common.properties", "call.cycles=1\n", Duration.ofMinutes(10));
        Sipp sipp = Sipp.uas("uas", "-rtp_echo");
        others.add(sipp);
        SocatPair serial = new SocatPair(dir).start();
        others.add(serial);
        Path local = KioskProperties.terminal(dir, serial.a(), sipp.target())
                .set("terminal.id", "hall1")
                .set("provisioning.url", server.url())
                .set("provisioning.cache-dir", dir.resolve("kept"))
                .writeIn(dir);
        start(local);
        Terminal terminal = Terminal.start(provisioning.config(), false, Clock.systemDefaultZone(),
                FileDevice.silence());
        others.add(0, terminal);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        ApplyBetweenCalls applier = new ApplyBetweenCalls(() -> terminal.calls().snapshot(), exit::complete);
        others.add(applier);
        provisioning.schedule(applier);
        Wait.until("the handset port to open", PATIENCE, () -> terminal.handset().connected());

        serial.write("OFFHOOK\n");
        Wait.until("the call to be answered", PATIENCE,
                () -> terminal.calls().snapshot().state() == CallState.TALKING);
        publish("common.properties", "call.cycles=2\n", Duration.ZERO);
        assertTrue(provisioning.checkNow(), "the change is taken");
        Wait.until("the applier to look at the call three times", PATIENCE, () -> applier.looks() >= 3);
        assertFalse(exit.isDone(), "no restart during the call");
        assertEquals(CallState.TALKING, terminal.calls().snapshot().state());

        serial.write("ONHOOK\n");
        Wait.until("the restart after the call", PATIENCE, exit::isDone);
        assertEquals(Main.EXIT_RESTART, exit.get());
        assertEquals(1, terminal.callLog().recent(5).size(), "the call was logged whole before the restart");
    }

    @Test
    void httpsWithAPinnedAuthorityAndAClientCertificate() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        openssl(pki, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-days", "2", "-subj", "/CN=Hallphone test centre CA");
        openssl(pki, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.pem",
                "-days", "2", "-subj", "/CN=Someone else");
        for (String who : List.of("server", "client")) {
            openssl(pki, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr",
                    "-subj", "/CN=" + who);
            Files.writeString(pki.resolve(who + ".ext"), who.equals("server")
                    ? "subjectAltName=IP:127.0.0.1\n" : "extendedKeyUsage=clientAuth\n");
            openssl(pki, "x509", "-req", "-in", who + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", who + ".pem", "-days", "2", "-extfile", who + ".ext");
        }
        openssl(pki, "pkcs12", "-export", "-in", "client.pem", "-inkey", "client.key", "-out", "client.p12",
                "-passout", "pass:p12-secret");
        publish("common.properties", "call.cycles=4\n", Duration.ofMinutes(10));
        int port = org.hallphone.testing.FreePorts.udpAndTcp();
        String script = String.join("\n",
                "import functools, http.server, ssl, sys",
                "context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)",
                "context.load_cert_chain(sys.argv[2], sys.argv[3])",
                "context.load_verify_locations(sys.argv[4])",
                "context.verify_mode = ssl.CERT_REQUIRED",
                "handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[5])",
                "server = http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), handler)",
                "server.socket = context.wrap_socket(server.socket, server_side=True)",
                "server.serve_forever()");
        Process https = new ProcessBuilder(org.hallphone.testing.Peers.require("python3"), "-c", script,
                String.valueOf(port), pki.resolve("server.pem").toString(), pki.resolve("server.key").toString(),
                pki.resolve("ca.pem").toString(), centre().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("https.log").toFile()).start();
        others.add(() -> https.destroyForcibly().waitFor());
        Wait.until("the HTTPS server", PATIENCE, () -> {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        String url = "https://127.0.0.1:" + port + "/";
        Path local = KioskProperties.terminal(dir, Path.of("simulated"), "sip:reps@127.0.0.1:5999")
                .set("terminal.id", "hall1")
                .set("provisioning.url", url)
                .set("provisioning.cache-dir", dir.resolve("kept"))
                .set("provisioning.ca-file", pki.resolve("ca.pem"))
                .set("provisioning.client-cert", pki.resolve("client.p12"))
                .set("provisioning.client-cert-password", "p12-secret")
                .writeIn(dir);

        Provisioning pinned = Provisioning.start(local, Map.of(), Clock.systemUTC());
        assertEquals("server", pinned.status().source(), pinned.status().error());
        assertEquals(4, pinned.config().call().cycles());
        pinned.close();

        Provisioning otherAuthority = Provisioning.start(local, Map.of("provisioning.ca-file",
                pki.resolve("other.pem").toString()), Clock.systemUTC());
        assertTrue(otherAuthority.status().error().startsWith("provisioning server not reachable"),
                "a server certificate from another authority is refused: " + otherAuthority.status().error());
        otherAuthority.close();

        try (var kept = Files.list(dir.resolve("kept"))) {
            for (Path file : kept.toList()) {
                Files.delete(file);
            }
        }
        Provisioning noClientCertificate = Provisioning.start(local, Map.of("provisioning.client-cert", ""),
                Clock.systemUTC());
        assertTrue(noClientCertificate.status().error().startsWith("provisioning server not reachable"),
                "the server asks for the terminal's certificate: " + noClientCertificate.status().error());
        assertEquals("none", noClientCertificate.status().source());
        noClientCertificate.close();
    }

    private static void openssl(Path folder, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(org.hallphone.testing.Peers.require("openssl")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "openssl " + String.join(" ", args) + ":\n" + output);
    }
}
