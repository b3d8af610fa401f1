package org.hallphone.calllog;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.hallphone.call.CallRecord;
import org.hallphone.call.Direction;

/**
 * Run in a child JVM by {@link CallLogCrashTest}: starts a call in the call log at {@code args[0]} with id
 * {@code args[1]}, says so on stdout, then waits to be killed.
 */
public final class CrashingCaller {

    static final String READY = "CALL-STARTED";

    private CrashingCaller() {
    }

    public static void main(String[] args) throws InterruptedException {
        CallLog callLog = new CallLog(Path.of(args[0]), ZoneOffset.UTC, Clock.systemUTC());
        callLog.callStarted(new CallRecord(OffsetDateTime.now(ZoneOffset.UTC), SampleCalls.TERMINAL, args[1],
                Direction.OUT, null, null, null, "sip:reps@pbx.example", 1, 0, null));
        callLog.flush(); // the marker is written on the call log's own thread
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(120_000);
        System.exit(3); // never reached in the test: it kills this JVM first
    }
}
