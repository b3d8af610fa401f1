package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.call.Direction;
import org.hallphone.call.Media;
import org.hallphone.call.MediaStats;
import org.hallphone.call.Outcome;
import org.hallphone.media.FileDevice;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.Baresip;
import org.hallphone.testing.Closer;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Kamailio;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's end-to-end check: Kamailio (TLS module) as registrar and proxy over TLS with certificates made here by
 * openssl and keytool, and baresip with {@code srtp.so} and {@code mediaenc=srtp-mand} as the representative, both
 * registered over TLS. baresip calls the terminal back, then the terminal calls baresip; a tone goes each way and
 * is found by Goertzel on both ends (baresip's sndfile.so records what it decodes; the terminal's file device what
 * it plays). tshark on loopback captures it all: no SIP in clear, every RTP datagram authenticated and encrypted.
 */
class EncryptedCallEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String PASS = "changeit";
    private static final int TERMINAL_TONE_HZ = 1000;
    private static final int REPRESENTATIVE_TONE_HZ = 600;
    private static final long RTCP_WAIT_MS = 9000;

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private int kamailioPort;
    private Kamailio kamailio;
    private boolean rtcpMux;
    private int baresipRtp;
    private Baresip baresip;
    private FileDevice audio;
    private TerminalRig rig;
    private Terminal terminal;

    /** Certificates, Kamailio, and the terminal registered over TLS with {@code extra} configuration lines. */
    private void bringUp(String... extra) throws Exception {
        Peers.require("kamailio");
        Peers.require("baresip");
        Peers.require("openssl");
        certificates();
        startKamailio(kamailioPort);
        List<String> lines = new ArrayList<>(List.of(
                "sip.local-port=" + FreePorts.udpAndTcp(), "sip.transport=tls",
                "sip.registrar=localhost:" + kamailioPort, "sip.proxy=localhost:" + kamailioPort,
                "sip.user=hall1", "sip.allow-incoming-from=127.0.0.1",
                "sip.tls.trust-store=" + dir.resolve("trust.p12"), "sip.tls.trust-store-password=" + PASS,
                "sip.tls.key-store=" + dir.resolve("terminal.p12"), "sip.tls.key-store-password=" + PASS,
                "call.ring-timeout-s=20"));
        lines.addAll(List.of(extra));
        audio = FileDevice.tone(TERMINAL_TONE_HZ, -10);
        startTerminal("sip:rep@localhost", audio, lines.toArray(String[]::new));
        // the SIP side's own status: the flow's snapshot counts as registered until a REGISTER fails
        Wait.until("the terminal to register over TLS", PATIENCE, () -> terminal.sip().status().registered());
    }

    private void startTerminal(String target, FileDevice device, String... lines) throws Exception {
        rig = closer.add(TerminalRig.start(dir, target, device, lines));
        terminal = rig.terminal();
    }

    @Test
    void callBackAndCallOutAreEncryptedEndToEnd() throws Exception {
        kamailioPort = FreePorts.udpAndTcp();
        baresipRtp = FreePorts.evenUdpPair();
        int terminalRtp = FreePorts.evenUdpPair();

        Path capture = dir.resolve("lo.pcapng");
        Process tshark = new ProcessBuilder(Peers.require("tshark"), "-i", "lo", "-q", "-w", capture.toString(),
                "-f", "tcp port " + kamailioPort + " or udp portrange " + terminalRtp + "-" + (terminalRtp + 11)
                        + " or udp portrange " + baresipRtp + "-" + (baresipRtp + 11))
                .redirectErrorStream(true).redirectOutput(dir.resolve("tshark.log").toFile()).start();
        closer.add(() -> stop(tshark));
        Wait.until("tshark to capture", PATIENCE, () -> read(dir.resolve("tshark.log")).contains("Capturing on"));

        bringUp("sip.rtp-port-min=" + terminalRtp, "sip.rtp-port-max=" + (terminalRtp + 9));
        assertEquals(org.hallphone.config.SipConfig.Srtp.REQUIRED, terminal.config().sip().rtp().srtp(),
                "TLS makes SRTP required by default");

        // 1. the representative calls the patient back; baresip dials as it starts
        startBaresip("srtp-mand", "sip:hall1@localhost");
        awaitState(CallState.INCOMING);
        rig.handset("OFFHOOK\r\n");
        awaitState(CallState.TALKING);
        int heardFrom = audio.recorded().length;
        Wait.until("the call-back's media to be known", PATIENCE,
                () -> terminal.calls().snapshot().media() == Media.SRTP);
        int fourSeconds = heardFrom + 4 * 8000;
        Wait.until("four seconds of the call-back heard", PATIENCE, () -> audio.recorded().length >= fourSeconds);
        assertTone("the terminal hears the representative on the call-back", slice(audio.recorded(), heardFrom),
                REPRESENTATIVE_TONE_HZ);
        rig.handset("ONHOOK\r\n");
        awaitState(CallState.IDLE);

        // 2. the patient calls the representative, who answers automatically
        Thread.sleep(1000);
        rig.handset("OFFHOOK\r\n");
        awaitState(CallState.TALKING);
        heardFrom = audio.recorded().length;
        assertEquals(Media.SRTP, terminal.calls().snapshot().media());
        Thread.sleep(RTCP_WAIT_MS); // RTCP reports go every 5 s (randomised 2.5-7.5 s): at least one each way
        assertTone("the terminal hears the representative on the call out", slice(audio.recorded(), heardFrom),
                REPRESENTATIVE_TONE_HZ);
        rig.handset("ONHOOK\r\n");
        awaitState(CallState.IDLE);
        assertFarEndsReportsReadUnderSrtp("the call out (RTCP on port + 1)");

        List<CallRecord> rows = terminal.callLog().recent(10);
        assertEquals(2, rows.size(), rows.toString());
        for (CallRecord row : rows) {
            assertEquals(Outcome.ANSWERED, row.outcome(), row.toString());
            assertEquals(Media.SRTP, row.media(), row.toString());
        }
        assertEquals(List.of(Direction.OUT, Direction.IN), rows.stream().map(CallRecord::direction).toList());
        String csv = Files.readString(Files.list(dir.resolve("calls")).filter(p -> p.toString().endsWith(".csv"))
                .findFirst().orElseThrow(), StandardCharsets.UTF_8);
        assertTrue(csv.lines().skip(1).allMatch(line -> line.endsWith(",srtp")), csv);

        // baresip decoded the terminal's tone on both calls
        Wait.until("baresip's recordings of both calls", PATIENCE, () -> baresip.decodedRecordings().size() >= 2);
        for (Path wav : baresip.decodedRecordings()) {
            assertTone("baresip hears the terminal in " + wav.getFileName(), Baresip.samples(wav), TERMINAL_TONE_HZ);
        }
        String baresipLog = baresip.log();
        assertTrue(baresipLog.contains("SRTP is Enabled"), baresipLog);

        // the wire: SIP only inside TLS, voice only as SRTP
        Thread.sleep(1000);
        tshark.destroy();
        tshark.waitFor(10, TimeUnit.SECONDS);
        checkCapture(capture, kamailioPort, terminalRtp);
    }

    @Test
    void optionalOffersKeysOnRtpAvpAsBaresipsBestEffortSrtpDoesAndGetsAnEncryptedCall() throws Exception {
        kamailioPort = FreePorts.udpAndTcp();
        baresipRtp = FreePorts.evenUdpPair();
        bringUp("sip.srtp=optional");
        rtcpMux = true; // and RTCP on the RTP port (RFC 5761), which the terminal offers: SRTCP muxed
        startBaresip("srtp", null);
        rig.handset("OFFHOOK\r\n");
        awaitState(CallState.TALKING);
        int heardFrom = audio.recorded().length;
        assertEquals(Media.SRTP, terminal.calls().snapshot().media(), "baresip answered the keys: encrypted");
        Thread.sleep(RTCP_WAIT_MS);
        assertTone("the terminal hears the representative", slice(audio.recorded(), heardFrom),
                REPRESENTATIVE_TONE_HZ);
        rig.handset("ONHOOK\r\n");
        awaitState(CallState.IDLE);
        assertFarEndsReportsReadUnderSrtp("the muxed call");
        assertEquals(Media.SRTP, terminal.callLog().recent(1).get(0).media());
        Wait.until("baresip's recording", PATIENCE, () -> baresip.decodedRecordings().size() >= 1);
        assertTone("baresip hears the terminal", Baresip.samples(baresip.decodedRecordings().get(0)),
                TERMINAL_TONE_HZ);
    }

    @Test
    void aPlainAnswerToARequiredOfferEndsAsFailed488NeverAsASilentCall() throws Exception {
        Sipp plain = closer.add(Sipp.uas("uas", "-rtp_echo"));
        startTerminal(plain.target(), FileDevice.silence(), "sip.srtp=required");
        rig.handset("OFFHOOK\r\n");
        awaitState(CallState.ENDED);
        CallRecord row = terminal.callLog().recent(1).get(0);
        assertEquals(Outcome.FAILED, row.outcome(), row.toString());
        assertEquals(488, row.sipStatus(), row.toString());
        assertEquals(null, row.answeredAt(), "never answered");
        assertEquals(null, row.media());
        Wait.until("the far end's 200 is ended with BYE", PATIENCE, () -> plain.messageLog().contains("BYE sip:"));
        rig.handset("ONHOOK\r\n");
        awaitState(CallState.IDLE);
    }

    // ---- the peers ------------------------------------------------------------------------------------------

    private void certificates() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
                "-keyout", "ca.key", "-out", "ca.crt");
        for (String name : List.of("kamailio", "terminal", "baresip")) {
            Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
            run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", name + ".key",
                    "-out", name + ".csr");
            run("openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-extfile", name + ".ext", "-out", name + ".crt");
        }
        Files.writeString(dir.resolve("baresip.pem"), Files.readString(dir.resolve("baresip.crt"))
                + Files.readString(dir.resolve("baresip.key")));
        run("openssl", "pkcs12", "-export", "-in", "terminal.crt", "-inkey", "terminal.key", "-certfile", "ca.crt",
                "-name", "terminal", "-out", "terminal.p12", "-passout", "pass:" + PASS);
        run("keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12",
                "-storetype", "PKCS12", "-storepass", PASS);
    }

    private void startKamailio(int port) throws Exception {
        String cfg = Files.readString(Kamailio.testResource("sip/kamailio-tls.cfg"), StandardCharsets.UTF_8)
                .replace("@PORT@", Integer.toString(port)).replace("@DIR@", dir.toString());
        kamailio = closer.add(new Kamailio(dir.resolve("kamailio-run"), port, cfg,
                List.of("-DD", "-m", "64", "-M", "8")).start());
    }

    /** baresip as the representative, registered over TLS, answering by itself; dialing {@code dial} if not null. */
    private void startBaresip(String mediaenc, String dial) throws Exception {
        baresip = new Baresip(dir.resolve("baresip"), "<sip:rep@localhost;transport=tls>;outbound=\"sip:127.0.0.1:"
                + kamailioPort + ";transport=tls\";regint=600;answermode=auto;mediaenc=" + mediaenc + ";"
                + "audio_codecs=PCMU,PCMA", REPRESENTATIVE_TONE_HZ,
                // media on loopback too: a call-back's SDP must point where its signalling came from (or into
                // sip.media-allow), and baresip would otherwise put the machine's LAN address there
                "net_interface 127.0.0.1",
                "sip_certificate " + dir.resolve("baresip.pem"),
                "sip_cafile " + dir.resolve("ca.crt"),
                "call_local_timeout 120",
                "audio_player aubridge,nil",
                "audio_alert aubridge,nil",
                "rtp_ports " + baresipRtp + "-" + (baresipRtp + 9),
                "rtcp_mux " + (rtcpMux ? "yes" : "no"),
                "module aubridge.so",
                "module srtp.so");
        closer.add(baresip);
        if (dial != null) {
            baresip.dialingOnStart(dial);
        }
        baresip.start();
        if (dial == null) {
            Wait.until("baresip to register over TLS", PATIENCE, baresip::registered);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + "\n" + out);
    }

    private void awaitState(CallState wanted) {
        Wait.until("state " + wanted + " (now " + terminal.calls().snapshot().state() + "); baresip:\n"
                + (baresip == null ? "" : baresip.log()) + "\nkamailio:\n" + (kamailio == null ? "" : kamailio.log()),
                PATIENCE, () -> terminal.calls().snapshot().state() == wanted);
    }

    /** The far end's SRTCP reports were authenticated, decrypted and read: its view of the terminal's stream. */
    private void assertFarEndsReportsReadUnderSrtp(String call) {
        MediaStats stats = terminal.media().lastCallStats();
        assertTrue(stats.remote().reports() >= 1, call + ": baresip's RTCP reports read: " + stats);
        assertEquals(0, stats.packetsRefused(), call + ": nothing refused by SRTP/SRTCP: " + stats);
        assertEquals(0, stats.packetsInvalid(), call + ": nothing invalid: " + stats);
    }

    // ---- the capture ----------------------------------------------------------------------------------------

    private void checkCapture(Path capture, int kamailioPort, int terminalRtp) throws Exception {
        String tshark = Peers.require("tshark");
        String tls = "tcp.port==" + kamailioPort + ",tls";
        List<String> tcp = fields(tshark, capture, "tcp.len > 0", "tcp.payload", tls);
        assertTrue(tcp.size() > 10, "SIP over TLS was captured: " + tcp.size() + " segments");
        for (String hex : tcp) {
            String text = new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("SIP/2.0") || text.contains("a=crypto"), "SIP in clear on the wire: " + text);
        }
        List<String> records = fields(tshark, capture, "tls.app_data", "frame.number", tls);
        assertTrue(records.size() > 10, "TLS application data: " + records.size());

        List<String> udp = fields(tshark, capture, "udp", "udp.payload", tls);
        List<String> sources = fields(tshark, capture, "udp", "udp.srcport", tls);
        assertEquals(udp.size(), sources.size(), "one source port per datagram");
        int media = 0;
        int terminalReports = 0;
        int farEndReports = 0;
        for (int i = 0; i < udp.size(); i++) {
            byte[] datagram = HexFormat.of().parseHex(udp.get(i));
            int type = datagram.length < 2 ? 0 : datagram[1] & 0xFF;
            if (type >= 192 && type <= 223) {
                // RTCP (RFC 5761 §4 tells it from RTP by this byte): only SRTCP may be on the wire
                int port = Integer.parseInt(sources.get(i));
                boolean fromTerminal = port >= terminalRtp && port < terminalRtp + 12;
                if (!fromTerminal && plainRtcp(datagram) && libreOutsideSrtp(datagram)) {
                    // baresip's own quirk: libre sends an APP "PING" as its stream starts and its BYE as it
                    // closes outside SRTP; its reports, which the checks below count, are SRTCP
                    continue;
                }
                assertFalse(plainRtcp(datagram), "RTCP in clear on the wire from port " + port + ": " + udp.get(i));
                assertTrue(datagram.length >= 8 + 4 + 4, "room for the SRTCP index and tag: " + udp.get(i));
                if (fromTerminal) {
                    terminalReports++;
                } else {
                    farEndReports++;
                }
                continue;
            }
            media++;
            assertTrue(datagram.length == 12 + 160 + 10 || datagram.length == 12 + 160 + 4
                    || datagram.length == 12 + 160 + 16, "every voice packet carries an SRTP tag: " + datagram.length);
            byte[] payload = java.util.Arrays.copyOfRange(datagram, 12, 172);
            assertTrue(entropyBits(payload) > 6.3, "voice payload is ciphertext, not G.711: " + entropyBits(payload));
        }
        assertTrue(media > 400, "voice packets captured: " + media);
        assertTrue(terminalReports >= 2, "the terminal's SRTCP reports captured: " + terminalReports);
        assertTrue(farEndReports >= 2, "baresip's SRTCP reports captured: " + farEndReports);
    }

    /** libre's RTCP without SRTP: an APP packet named PING alone, or a compound that starts with its BYE. */
    private static boolean libreOutsideSrtp(byte[] data) {
        int type = data[1] & 0xFF;
        return type == 203 || data.length == 16 && type == 204
                && new String(data, 8, 4, StandardCharsets.US_ASCII).equals("PING");
    }

    /** True when {@code data} parses as a plain RTCP compound packet (RFC 3550 §6.1): the lengths add up exactly. */
    private static boolean plainRtcp(byte[] data) {
        int at = 0;
        while (at + 4 <= data.length) {
            int type = data[at + 1] & 0xFF;
            if (((data[at] >> 6) & 3) != 2 || type < 200 || type > 204) {
                return false;
            }
            at += 4 * ((((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF)) + 1);
        }
        return at == data.length;
    }

    private static List<String> fields(String tshark, Path capture, String filter, String field, String decodeAs)
            throws Exception {
        Process p = new ProcessBuilder(tshark, "-r", capture.toString(), "-d", decodeAs, "-Y", filter, "-T", "fields",
                "-e", field).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> line.replace(":", ""))
                .toList();
    }

    private static double entropyBits(byte[] data) {
        int[] counts = new int[256];
        for (byte b : data) {
            counts[b & 0xFF]++;
        }
        double bits = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / (double) data.length;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }

    // ---- audio ----------------------------------------------------------------------------------------------

    private static short[] slice(short[] samples, int from) {
        return java.util.Arrays.copyOfRange(samples, Math.min(from, samples.length), samples.length);
    }

    /** The tone dominates the middle of what was heard, loud enough to hear (Goertzel over 300-3400 Hz). */
    private static void assertTone(String what, short[] heard, int hz) {
        assertTrue(heard.length >= 16000, what + ": only " + heard.length + " samples");
        int from = heard.length / 4;
        int length = heard.length / 2;
        double best = 0;
        int bestHz = 0;
        for (int f = 300; f <= 3400; f += 25) {
            double a = goertzel(heard, from, length, f);
            if (a > best) {
                best = a;
                bestHz = f;
            }
        }
        assertEquals(hz, bestHz, 30, what + ": dominant frequency");
        double rms = 0;
        for (int i = from; i < from + length; i++) {
            rms += (double) heard[i] * heard[i];
        }
        double dbfs = 20 * Math.log10(Math.sqrt(rms / length) / 32768.0);
        assertTrue(dbfs > -35, what + ": level " + dbfs + " dBFS");
    }

    private static double goertzel(short[] samples, int from, int length, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        for (int i = from; i < from + length; i++) {
            double s = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return Math.sqrt(s1 * s1 + s2 * s2 - coefficient * s1 * s2) / length;
    }
}
