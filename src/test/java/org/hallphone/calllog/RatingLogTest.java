package org.hallphone.calllog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingLogTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T20:58:00Z"));

    @Test
    void ratingsGoToTheirOwnDailyFileForcedToDisk() throws IOException {
        RatingLog ratings = new RatingLog(dir, "hall \"1\", left", MOSCOW, clock);

        assertTrue(ratings.record("call-1", 5));
        clock.advance(Duration.ofSeconds(30));
        assertTrue(ratings.record("call-2", 4));

        assertEquals("rated_at,terminal_id,call_id,rating\r\n"
                        + "2026-11-24T23:58:00+03:00,\"hall \"\"1\"\", left\",call-1,5\r\n"
                        + "2026-11-24T23:58:30+03:00,\"hall \"\"1\"\", left\",call-2,4\r\n",
                Files.readString(dir.resolve("ratings-2026-11-24.csv"), StandardCharsets.UTF_8));
        RatingCounts today = ratings.today();
        assertEquals(LocalDate.parse("2026-11-24"), today.date());
        assertEquals(List.of(0, 0, 0, 1, 1), today.byStars());
        assertEquals(2, today.total());
        assertEquals(OptionalDouble.of(4.5), today.average());
    }

    @Test
    void afterMidnightANewDayStarts() {
        RatingLog ratings = new RatingLog(dir, "t", MOSCOW, clock);
        ratings.record("call-1", 2);
        clock.advance(Duration.ofMinutes(5)); // 00:03 in Moscow

        assertEquals(0, ratings.today().total());
        assertEquals(OptionalDouble.empty(), ratings.today().average());
        ratings.record("call-2", 1);

        assertTrue(Files.exists(dir.resolve("ratings-2026-11-25.csv")));
        assertEquals(1, ratings.today().count(1));
    }

    @Test
    void badRatingsAreRefusedAndTornLinesIgnored() throws IOException {
        RatingLog ratings = new RatingLog(dir, "t", MOSCOW, clock);
        assertThrows(IllegalArgumentException.class, () -> ratings.record("call-1", 0));
        assertThrows(IllegalArgumentException.class, () -> ratings.record("call-1", 6));
        assertThrows(IllegalArgumentException.class, () -> ratings.record(" ", 3));
        assertFalse(Files.exists(dir.resolve("ratings-2026-11-24.csv")));

        ratings.record("call-1", 3);
        Path file = dir.resolve("ratings-2026-11-24.csv");
        Files.writeString(file, Files.readString(file) + "2026-11-24T23:59:00+03:00,t,call-9,9\r\n"
                + "2026-11-24T23:59:00+03:00,t,call-2,");
        assertEquals(List.of(0, 0, 1, 0, 0), ratings.today().byStars());

        ratings.record("call-3", 5);
        assertEquals(List.of(0, 0, 1, 0, 1), ratings.today().byStars());
        assertTrue(Files.readString(file).endsWith("call-9,9\r\n2026-11-24T23:58:00+03:00,t,call-3,5\r\n"));
    }
}
