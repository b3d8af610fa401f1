package org.hallphone.calllog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names of the daily files ({@code <prefix>-YYYY-MM-DD.csv}) and finding them in a folder. */
final class DayFiles {

    static final String CALLS = "calls";
    static final String RATINGS = "ratings";

    private static final Pattern NAME = Pattern.compile("(calls|ratings)-(\\d{4}-\\d{2}-\\d{2})\\.csv");

    private DayFiles() {
    }

    /** Today in the terminal's zone: the date of the day file a call started now goes to. */
    static LocalDate today(Clock clock, ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    static Path file(Path dir, String prefix, LocalDate date) {
        return dir.resolve(prefix + "-" + date + ".csv");
    }

    /** The date in a day file's name when it is {@code <prefix>-YYYY-MM-DD.csv}. */
    static Optional<LocalDate> date(Path file, String prefix) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches() || !m.group(1).equals(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(2)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The day files of {@code prefix} in {@code dir}, by date, oldest first. */
    static Map<LocalDate, Path> list(Path dir, String prefix) throws IOException {
        Map<LocalDate, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "-*.csv")) {
            for (Path entry : entries) {
                date(entry, prefix).ifPresent(date -> files.put(date, entry));
            }
        }
        return files;
    }
}
