package org.hallphone.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.hallphone.call.CallRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallLogReaderTest {

    private static final String HEADER = "started_at,terminal_id,call_id,direction,outcome,answered_at,ended_at,"
            + "wait_s,talk_s,target,attempts,sip_status,ended_by\r\n";

    @TempDir
    Path dir;

    private final CallLogReader reader = new CallLogReader();

    private static List<String> ids(List<CallRecord> records) {
        return records.stream().map(CallRecord::callId).collect(Collectors.toList());
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() {
        List<CallRecord> records = reader.parse(HEADER
                + "2026-11-24T12:00:00+03:00,t1,a,out,answered,2026-11-24T12:00:05+03:00,2026-11-24T12:01:00+03:00,"
                + "5,55,\"sip:x@y;a=\"\"1,2\"\"\r\nnext\",2,200,patient\r\n", "test");

        assertEquals(1, records.size());
        assertEquals("sip:x@y;a=\"1,2\"\r\nnext", records.get(0).target());
        assertEquals(2, records.get(0).attempts());
        assertEquals(OffsetDateTime.parse("2026-11-24T12:00:05+03:00"), records.get(0).answeredAt());
    }

    @Test
    void malformedAndTornLinesAreSkipped() {
        String good = "2026-11-24T12:00:00+03:00,t1,%s,out,busy,,2026-11-24T12:00:05+03:00,5,0,sip:r@p,1,486,timeout\n";
        List<CallRecord> records = reader.parse(HEADER
                + String.format(good, "ok-1")
                + "2026-11-24T12:00:00+03:00,t1,too-few,out\n"
                + "yesterday,t1,bad-time,out,busy,,,5,0,sip:r@p,1,486,timeout\n"
                + "2026-11-24T12:00:00+03:00,t1,bad-outcome,out,maybe,,,5,0,sip:r@p,1,486,timeout\n"
                + "2026-11-24T12:00:00+03:00,t1,bad-quote,out,busy,,,5,0,\"sip\"x,1,486,timeout\n"
                + "2026-11-24T12:00:00+03:00,t1,,out,busy,,,5,0,sip:r@p,1,486,timeout\n"
                + "\n"
                + String.format(good, "ok-2")
                + "2026-11-24T12:00:00+03:00,t1,torn,out,busy,,2026-11-24T12", "test");

        assertEquals(List.of("ok-1", "ok-2"), ids(records));
    }

    @Test
    void columnsAreFoundByTheHeaderAndAByteOrderMarkIsIgnored() {
        List<CallRecord> records = reader.parse("\uFEFFcall_id,started_at,direction,outcome,extra\n"
                + "x-1,2026-11-24T12:00:00+03:00,in,failed,whatever\n", "test");

        assertEquals(List.of("x-1"), ids(records));
        assertEquals("", records.get(0).target());
    }

    @Test
    void missingFileReadsAsEmptyAndDamagedBytesDoNotStopTheRest() throws IOException {
        assertEquals(List.of(), reader.read(dir.resolve("calls-2000-01-01.csv")));

        Path file = dir.resolve("calls-2026-11-24.csv");
        byte[] good = (HEADER + "2026-11-24T12:00:00+03:00,t1,ok,out,busy,,,5,0,sip:r@p,1,486,timeout\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] damaged = new byte[] {(byte) 0xff, (byte) 0xfe, ',', '\n'};
        byte[] all = new byte[good.length + damaged.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(damaged, 0, all, good.length, damaged.length);
        Files.write(file, all);

        assertEquals(List.of("ok"), ids(reader.read(file)));
    }
}
