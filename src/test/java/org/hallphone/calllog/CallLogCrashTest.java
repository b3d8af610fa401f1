package org.hallphone.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hallphone.call.CallRecord;
import org.hallphone.call.EndedBy;
import org.hallphone.call.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real crash: a child JVM starts a call and is killed; the next start logs the call as interrupted. */
class CallLogCrashTest {

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void callUnderWayWhenTheProcessIsKilledIsLoggedAsInterruptedOnce() throws Exception {
        String callId = UUID.randomUUID().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", ""),
                CrashingCaller.class.getName(), dir.toString(), callId)
                .redirectErrorStream(true)
                .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        String ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (line.equals(CrashingCaller.READY)) {
                        return line;
                    }
                }
                return "child ended without starting the call";
            } catch (IOException e) {
                return e.toString();
            }
        }).get(60, TimeUnit.SECONDS);
        assertEquals(CrashingCaller.READY, ready);

        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child JVM did not die");
        assertEquals(1, Files.list(dir.resolve("inprogress")).count(), "the marker survives the kill");

        try (CallLog restarted = new CallLog(dir, ZoneOffset.UTC, Clock.systemUTC())) {
            assertEquals(1, restarted.recoverInterrupted());
            assertEquals(0, restarted.recoverInterrupted());

            List<CallRecord> rows = restarted.recent(10);
            assertEquals(1, rows.size());
            CallRecord row = rows.get(0);
            assertEquals(callId, row.callId());
            assertEquals(Outcome.INTERRUPTED, row.outcome());
            assertEquals(EndedBy.SYSTEM, row.endedBy());
            assertTrue(!row.endedAt().isBefore(row.startedAt()));
        }
        try (var markers = Files.list(dir.resolve("inprogress"))) {
            assertEquals(0, markers.count());
        }
    }
}
