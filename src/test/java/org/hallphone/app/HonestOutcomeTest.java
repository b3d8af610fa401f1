package org.hallphone.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hallphone.call.CallRecord;
import org.hallphone.call.CallState;
import org.hallphone.call.Outcome;
import org.hallphone.media.FileDevice;
import org.hallphone.testing.Closer;
import org.hallphone.testing.FreePorts;
import org.hallphone.testing.Kamailio;
import org.hallphone.testing.Wait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 12, against a real Kamailio: a target the proxy does not know (404) is logged as {@code failed}
 * with its status, never {@code busy}, and after three such calls in a row {@code /health} is degraded and names
 * the target and the status.
 */
class HonestOutcomeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String USER = "kiosk1";
    private static final String PASSWORD = "S3cret-pa55";

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void aTargetThatDoesNotExistIsFailedNeverBusyAndAlarmsAfterThreeCalls() throws Exception {
        Kamailio kamailio = closer.add(new Kamailio(USER, PASSWORD, "127.0.0.1:9", 2).start());
        int healthPort = FreePorts.udpAndTcp();
        String target = "sip:nobody@127.0.0.1:" + kamailio.port;
        TerminalRig rig = closer.add(TerminalRig.start(dir, target, FileDevice.samples(new short[8000]),
                "sip.registrar=" + kamailio.registrar(), "sip.proxy=" + kamailio.registrar(), "sip.user=" + USER,
                "sip.password=" + PASSWORD, "health.listen=127.0.0.1:" + healthPort));
        Terminal terminal = rig.terminal();
        // the SIP side's own status: the flow's snapshot counts as registered until a REGISTER fails
        Wait.until("registered with Kamailio", PATIENCE, () -> terminal.sip().status().registered());

        for (int call = 1; call <= 3; call++) {
            rig.handset("OFFHOOK\n");
            int rows = call;
            Wait.until("call " + call + " logged", PATIENCE, () -> terminal.callLog().recent(10).size() == rows);
            CallRecord row = terminal.callLog().recent(10).get(0);
            assertEquals(Outcome.FAILED, row.outcome(), "a target that does not exist is no busy representative");
            assertEquals(404, row.sipStatus());
            assertEquals(target, row.target());
            assertEquals(Outcome.FAILED, terminal.calls().snapshot().lastOutcome(), "what the screen is told");
            Wait.until("the terminal says hang up", PATIENCE, () -> rig.state() == CallState.ENDED);
            rig.handset("ONHOOK\n");
            Wait.until("back to rest", PATIENCE, () -> rig.state() == CallState.IDLE);
        }
        assertTrue(kamailio.log().contains("challenging INVITE"), "the calls went through the authenticating proxy");

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + healthPort + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "it can still call: " + health.body());
        assertTrue(health.body().contains("\"status\":\"degraded\""), health.body());
        assertTrue(health.body().contains("nobody@127.0.0.1") && health.body().contains("404"), health.body());
        List<CallRecord> rows = terminal.callLog().recent(10);
        assertTrue(rows.stream().noneMatch(r -> r.outcome() == Outcome.BUSY), rows.toString());
    }
}
