package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.call.Outcome;
import org.hallphone.media.FileDevice;
import org.hallphone.sip.Sipp;
import org.hallphone.testing.Baresip;
import org.hallphone.testing.Closer;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Kamailio;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference central side of installer/central/ as central staff would run it: Kamailio with kamailio.cfg as
 * registrar and proxy, two representatives on real softphones (baresip), and a whole Hallphone terminal (jssc on a
 * socat pty) calling the representatives' group. Both phones ring, one answers, the other stops ringing, a tone
 * goes each way, and the representative's side receives the terminal's name and location; when nobody answers,
 * the 24-hour contact centre (sipp) takes the call.
 */
class CentralSideTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int PATIENT_HZ = 700;
    private static final int REPRESENTATIVE_HZ = 1200;
    private static final String LOCATION = "Поликлиника 3, ул. Садовая 1, 2 этаж, холл";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    private Kamailio kamailio;
    private TerminalRig rig;
    private Terminal terminal;

    @Test
    void bothRepresentativesRingTheFirstToAnswerTalksAndSeesWhereThePatientIs() throws Exception {
        startKamailio("sip:nobody@127.0.0.1:9", 20_000);
        Baresip rep1 = representative("rep1", "r1-secret");
        Baresip rep2 = representative("rep2", "r2-secret");
        FileDevice audio = FileDevice.tone(PATIENT_HZ, -12);
        TerminalRig handset = startTerminal(audio);

        handset.handset("OFFHOOK\n");
        Wait.until("both representatives' phones to ring", PATIENCE,
                () -> rep1.saw("CALL_INCOMING") && rep2.saw("CALL_INCOMING"));
        assertEquals(CallState.RINGING, terminal.calls().snapshot().state());

        rep1.command("accept");
        Wait.until("the terminal to be talking", PATIENCE,
                () -> terminal.calls().snapshot().state() == CallState.TALKING);
        Wait.until("the second phone to stop ringing", PATIENCE, () -> rep2.saw("CALL_CLOSED"));
        assertTrue(!rep2.saw("CALL_ESTABLISHED"), "the second representative never got the call");

        Thread.sleep(3000); // three seconds of talk, a tone each way
        handset.handset("ONHOOK\n");
        Wait.until("the representative to see the hang-up", PATIENCE, () -> rep1.saw("CALL_CLOSED"));
        Wait.until("the terminal to be idle", PATIENCE,
                () -> terminal.calls().snapshot().state() == CallState.IDLE);

        double heardByPatient = toneShare(audio.recorded(), REPRESENTATIVE_HZ);
        assertTrue(heardByPatient > 0.5, "the patient hears the representative's tone: share " + heardByPatient);
        short[] heardByRep = rep1.heard().orElseThrow(() -> new AssertionError("baresip recorded nothing"));
        double repShare = toneShare(heardByRep, PATIENT_HZ);
        assertTrue(repShare > 0.5, "the representative hears the patient's tone: share " + repShare);

        String invite = rep1.trace();
        assertTrue(invite.contains("X-Hallphone-Location: " + LOCATION), "location reaches the representative");
        assertTrue(invite.contains("X-Hallphone-Terminal: central-hall1"), "terminal id reaches the representative");
        assertTrue(invite.contains("From: \"Поликлиника 3, холл\""), "name reaches the representative");

        CallRecord row = onlyRow();
        assertEquals(Outcome.ANSWERED, row.outcome());
        assertEquals(200, row.sipStatus());
    }

    @Test
    void whenNoRepresentativeAnswersTheContactCentreTakesTheCall() throws Exception {
        Sipp contactCentre = closer.add(Sipp.uas("uas", "-rtp_echo"));
        startKamailio(contactCentre.target(), 3_000);
        Baresip rep1 = representative("rep1", "r1-secret");
        TerminalRig handset = startTerminal(FileDevice.tone(PATIENT_HZ, -12));

        handset.handset("OFFHOOK\n");
        Wait.until("the representative's phone to ring", PATIENCE, () -> rep1.saw("CALL_INCOMING"));
        Wait.until("the contact centre to answer after the representatives' ring time", PATIENCE,
                () -> terminal.calls().snapshot().state() == CallState.TALKING);
        Wait.until("the representative's phone to stop ringing", PATIENCE, () -> rep1.saw("CALL_CLOSED"));
        assertTrue(contactCentre.messageLog().contains("X-Hallphone-Location: "),
                "the contact centre receives the location too");
        handset.handset("ONHOOK\n");
        Wait.until("the terminal to be idle", PATIENCE,
                () -> terminal.calls().snapshot().state() == CallState.IDLE);
        assertEquals(Outcome.ANSWERED, onlyRow().outcome());
    }

    /** installer/central/kamailio.cfg as shipped, with credentials for the terminal and two representatives. */
    private void startKamailio(String contactCentre, int repsRingMs) throws IOException {
        Path central = Path.of(System.getProperty("hallphone.project.dir", "."), "installer/central");
        Path run = Files.createDirectories(dir.resolve("kamailio"));
        Files.writeString(run.resolve("credentials.cfg"), String.join("\n",
                "event_route[htable:mod-init] {",
                "    $sht(creds=>hall1) = \"t1-secret\";",
                "    $sht(creds=>rep1) = \"r1-secret\";",
                "    $sht(creds=>rep2) = \"r2-secret\";",
                "    $sht(reps=>rep1) = 1;",
                "    $sht(reps=>rep2) = 1;",
                "}", ""), StandardCharsets.UTF_8);
        int port = FreePorts.udpAndTcp();
        kamailio = closer.add(new Kamailio(run, port,
                Files.readString(central.resolve("kamailio.cfg"), StandardCharsets.UTF_8),
                List.of("-DD", "-m", "32", "-M", "8", "-A", "LISTEN_ADDR=\"127.0.0.1\"", "-A", "LISTEN_PORT=" + port,
                        "-A", "CONTACT_CENTRE=\"" + contactCentre + "\"", "-A", "REPS_RING_MS=" + repsRingMs))
                .start());
    }

    private Baresip representative(String user, String password) throws IOException {
        String account = "<sip:" + user + "@127.0.0.1:" + kamailio.port + ">;auth_pass=" + password
                + ";answermode=manual;regint=300";
        Baresip phone = closer.add(new Baresip(dir.resolve(user), account, REPRESENTATIVE_HZ));
        phone.start();
        Wait.until(user + " to register", PATIENCE, phone::registered);
        return phone;
    }

    private TerminalRig startTerminal(FileDevice audio) throws Exception {
        rig = closer.add(TerminalRig.start(dir, "sip:reps@127.0.0.1:" + kamailio.port, audio,
                "terminal.id=central-hall1", "terminal.name=Поликлиника 3, холл", "terminal.location=" + LOCATION,
                "sip.registrar=" + kamailio.registrar(), "sip.user=hall1", "sip.password=t1-secret",
                "call.ring-timeout-s=30"));
        terminal = rig.terminal();
        // the SIP side's own status: the flow's snapshot counts as registered until a REGISTER fails
        Wait.until("the terminal to register", PATIENCE, () -> terminal.sip().status().registered());
        return rig;
    }

    private CallRecord onlyRow() {
        return rig.onlyRow();
    }

    /** The share of 20 ms blocks whose energy at {@code hz} stands clearly above the rest of the signal. */
    static double toneShare(short[] samples, int hz) {
        int block = 160;
        int blocks = 0;
        int withTone = 0;
        for (int from = 0; from + block <= samples.length; from += block) {
            double energy = 0;
            for (int i = from; i < from + block; i++) {
                energy += (double) samples[i] * samples[i];
            }
            if (energy / block < 100 * 100) {
                continue; // silence before and after the talk
            }
            blocks++;
            double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
            double s1 = 0;
            double s2 = 0;
            for (int i = from; i < from + block; i++) {
                double s0 = samples[i] + coefficient * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            double power = (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / (block * block / 2.0);
            if (power > 0.5 * energy / block) {
                withTone++;
            }
        }
        return blocks == 0 ? 0 : (double) withTone / blocks;
    }
}
