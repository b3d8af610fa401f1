package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.call.EndedBy;
import org.hallphone.call.MediaStats;
import org.hallphone.call.Outcome;
import org.hallphone.media.FileDevice;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.Closer;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Peers;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RTP Bleed (review finding F1) against the whole terminal: a stranger on 127.0.0.66 sprays 1-byte junk and forged
 * G.711 at the terminal's RTP port from before the patient lifts the handset to after the call; sipp with
 * {@code -rtp_echo} is the contact centre. The patient's voice goes only to sipp, sipp's echo is what the patient
 * hears, the call ends only when the patient hangs up, and {@code /metrics} counts the stranger's packets. And the
 * other side of strictness: a far end behind NAT (its SDP names a private address, its RTP comes from the host its
 * SIP came from) is heard and answered where it really is.
 */
class StrictMediaTerminalTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private Sipp sipp;
    private TerminalRig rig;
    private Terminal terminal;
    private volatile boolean spraying = true;

    @AfterEach
    void stopSpraying() {
        spraying = false;
    }

    private void startTerminal(FileDevice audio, String... lines) throws Exception {
        rig = closer.add(TerminalRig.start(dir, sipp.target(), audio, lines));
        terminal = rig.terminal();
    }

    /** Plain answer, and early media (a 183's SDP, then the 200's: each start() must keep the door shut). */
    @ParameterizedTest
    @ValueSource(strings = {"uas", "uas-early-media.xml"})
    void aStrangerSprayingTheRtpPortNeitherHearsThePatientNorEndsTheCall(String scenario) throws Exception {
        short[] voice = TerminalCallTest.noise();
        FileDevice audio = FileDevice.samples(voice);
        int rtpPort = FreePorts.evenUdpPair(); // the terminal's only RTP port: the stranger knows it
        int healthPort = FreePorts.udpAndTcp();
        sipp = closer.add(Sipp.uas(scenario, "-rtp_echo"));
        startTerminal(audio, "sip.rtp-port-min=" + rtpPort, "sip.rtp-port-max=" + (rtpPort + 1),
                "health.listen=127.0.0.1:" + healthPort);

        AtomicLong sprayed = new AtomicLong();
        AtomicLong overheard = new AtomicLong();
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.66"),
                0))) {
            stranger.setSoTimeout(50);
            Thread sprayer = new Thread(() -> spray(stranger, rtpPort, sprayed, overheard), "stranger");
            sprayer.setDaemon(true);
            sprayer.start();
            Wait.until("the stranger spraying", PATIENCE, () -> sprayed.get() > 50);

            rig.handset("OFFHOOK\r\n");
            Wait.until("talking", PATIENCE, () -> terminal.calls().snapshot().state() == CallState.TALKING);
            String invite = sipp.messageLog();
            assertTrue(invite.contains("m=audio " + rtpPort + " "), "the terminal's RTP port is the sprayed one");
            Wait.until("three seconds of the far end's echo", PATIENCE,
                    () -> audio.recorded().length > 4 * 8000);
            rig.handset("ONHOOK\r\n");
            Wait.until("idle", PATIENCE, () -> terminal.calls().snapshot().state() == CallState.IDLE);
            spraying = false;
            sprayer.join(2000);
        }

        assertEquals(0, overheard.get(), "the patient's voice never reached the stranger");
        double match = TerminalCallTest.bestMatch(audio.recorded(), voice);
        assertTrue(match > 0.99, "the patient heard the far end's echo of the voice (correlation " + match + ")");
        MediaStats stats = terminal.media().lastCallStats();
        assertTrue(stats.packetsForeign() > 50, "foreign packets counted: " + stats);
        CallRecord row = terminal.callLog().recent(10).get(0);
        assertEquals(Outcome.ANSWERED, row.outcome());
        assertEquals(EndedBy.PATIENT, row.endedBy(), "the stranger did not end the call");

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + healthPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(gauge(metrics, "hallphone_rtp_foreign_packets_total") > 50, metrics);
        assertTrue(gauge(metrics, "hallphone_media_clock_age_seconds") < 5, metrics);
        assertTrue(metrics.contains("\nhallphone_rtcp_round_trip_ms "), metrics);
    }

    @Test
    void aFarEndBehindNatIsHeardFromTheHostItsSignallingCameFromAndAnsweredThere() throws Exception {
        String tshark = Peers.require("tshark");
        int rtpPort = FreePorts.evenUdpPair();
        sipp = closer.add(Sipp.uas("uas-nat-media.xml"));
        startTerminal(FileDevice.silence(), "sip.rtp-port-min=" + rtpPort, "sip.rtp-port-max=" + (rtpPort + 1));
        Path capture = dir.resolve("to-nat.txt");
        Path log = dir.resolve("tshark.log");
        Process capturing = new ProcessBuilder(tshark, "-l", "-i", "lo", "-f",
                "udp src port " + rtpPort + " and dst host 127.0.0.1 and udp dst port " + sipp.mediaPort,
                "-T", "fields", "-e", "udp.dstport").redirectOutput(capture.toFile()).redirectError(log.toFile())
                .start();
        try {
            Wait.until("tshark capturing", Duration.ofSeconds(30), () -> read(log).contains("Capturing on"));
            rig.handset("OFFHOOK\r\n");
            Wait.until("talking", PATIENCE, () -> terminal.calls().snapshot().state() == CallState.TALKING);
            Wait.until("the patient's voice going to the far end's real source", Duration.ofSeconds(20),
                    () -> read(capture).lines().count() >= 25);
            rig.handset("ONHOOK\r\n");
            Wait.until("idle", PATIENCE, () -> terminal.calls().snapshot().state() == CallState.IDLE);
        } finally {
            capturing.destroy();
            capturing.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        MediaStats stats = terminal.media().lastCallStats();
        assertTrue(stats.packetsReceived() >= 20, "the far end's audio was played: " + stats);
        assertEquals(0, stats.packetsForeign(), stats.toString());
    }

    private static String read(Path file) {
        try {
            return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void spray(DatagramSocket stranger, int rtpPort, AtomicLong sprayed, AtomicLong overheard) {
        InetSocketAddress rtp = new InetSocketAddress(InetAddress.getLoopbackAddress(), rtpPort);
        InetSocketAddress rtcp = new InetSocketAddress(InetAddress.getLoopbackAddress(), rtpPort + 1);
        byte[] forged = new byte[12 + 160];
        forged[0] = (byte) 0x80;
        forged[11] = 0x66;
        byte[] in = new byte[2048];
        for (int seq = 0; spraying; seq++) {
            forged[2] = (byte) (seq >> 8);
            forged[3] = (byte) seq;
            forged[6] = (byte) (seq >> 2);
            for (int i = 12; i < forged.length; i++) {
                forged[i] = (byte) (i % 2 == 0 ? 0x10 : 0x90); // loud µ-law square wave
            }
            try {
                stranger.send(new DatagramPacket(new byte[] {(byte) seq}, 1, rtp));
                stranger.send(new DatagramPacket(forged, forged.length, rtp));
                stranger.send(new DatagramPacket(new byte[] {(byte) 0x80, (byte) 0xC9, 0, 1, 0, 0, 0, 1}, 8, rtcp));
                sprayed.addAndGet(3);
                stranger.receive(new DatagramPacket(in, in.length));
                overheard.incrementAndGet();
            } catch (SocketTimeoutException nothing) {
                // as it should be
            } catch (IOException e) {
                return;
            }
        }
    }

    private static double gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        assertTrue(m.find(), name + " in " + metrics);
        return Double.parseDouble(m.group(1));
    }
}
