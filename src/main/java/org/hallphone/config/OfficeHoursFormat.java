package org.hallphone.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of {@link OfficeHours}: groups separated by {@code ;}, each a list of days and one or more time
 * spans, e.g. {@code mon-fri 08:00-13:00, 14:00-20:00; sat,sun 09:00-15:00}. Days are {@code mon..sun}, as
 * single days, ranges (which may wrap, {@code fri-mon}) and comma lists. A span runs from its start (inclusive) to
 * its end (exclusive, {@code 24:00} is midnight at the end of the day) and must not be empty.
 */
final class OfficeHoursFormat {

    static final String EXAMPLE = "mon-fri 08:00-20:00; sat 09:00-15:00";

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Pattern SPAN = Pattern.compile("(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT);
    private static final LocalTime END_OF_DAY = LocalTime.MAX;

    private OfficeHoursFormat() {
    }

    static ValueParser<OfficeHours> parser() {
        return (text, base) -> parse(text);
    }

    static OfficeHours parse(String text) throws InvalidValueException {
        if (text.isBlank()) {
            return OfficeHours.ALWAYS;
        }
        List<OfficeHours.Span> spans = new ArrayList<>();
        for (String group : text.split(";", -1)) {
            String trimmed = group.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int timesStart = firstDigit(trimmed);
            if (timesStart <= 0) {
                throw new InvalidValueException("expected days then times such as \"" + EXAMPLE + "\", got "
                        + Values.quote(trimmed));
            }
            List<DayOfWeek> days = parseDays(trimmed.substring(0, timesStart).strip());
            for (String time : trimmed.substring(timesStart).split("[,\\s]+")) {
                Matcher matcher = SPAN.matcher(time);
                if (!matcher.matches()) {
                    throw new InvalidValueException("expected a time span such as 08:00-20:00, got "
                            + Values.quote(time));
                }
                LocalTime from = parseTime(matcher.group(1), false);
                LocalTime to = parseTime(matcher.group(2), true);
                if (!from.isBefore(to)) {
                    throw new InvalidValueException("empty span " + time + ": the end must be after the start");
                }
                for (DayOfWeek day : days) {
                    OfficeHours.Span span = new OfficeHours.Span(day, from, to);
                    if (!spans.contains(span)) {
                        spans.add(span);
                    }
                }
            }
        }
        spans.sort(Comparator.comparing(OfficeHours.Span::day).thenComparing(OfficeHours.Span::from)
                .thenComparing(OfficeHours.Span::to));
        return new OfficeHours(spans);
    }

    /** The canonical text: days with the same spans are grouped, consecutive days written as ranges. */
    static String format(OfficeHours hours) {
        Map<DayOfWeek, List<String>> spansByDay = new LinkedHashMap<>();
        for (OfficeHours.Span span : hours.spans()) {
            spansByDay.computeIfAbsent(span.day(), day -> new ArrayList<>())
                    .add(formatTime(span.from()) + "-" + formatTime(span.to()));
        }
        Map<String, List<DayOfWeek>> daysBySpans = new LinkedHashMap<>();
        spansByDay.forEach((day, spans) -> daysBySpans.computeIfAbsent(String.join(", ", spans),
                key -> new ArrayList<>()).add(day));
        List<String> groups = new ArrayList<>();
        daysBySpans.forEach((spans, days) -> groups.add(formatDays(days) + " " + spans));
        return String.join("; ", groups);
    }

    private static List<DayOfWeek> parseDays(String text) throws InvalidValueException {
        List<DayOfWeek> days = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String[] ends = item.strip().split("-", -1);
            if (ends.length > 2) {
                throw new InvalidValueException("expected a day or a range of days such as mon-fri, got "
                        + Values.quote(item.strip()));
            }
            int first = parseDay(ends[0]);
            int last = ends.length == 2 ? parseDay(ends[1]) : first;
            for (int day = first; ; day = (day + 1) % 7) {
                DayOfWeek dayOfWeek = DayOfWeek.of(day + 1);
                if (!days.contains(dayOfWeek)) {
                    days.add(dayOfWeek);
                }
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static int parseDay(String text) throws InvalidValueException {
        int index = DAYS.indexOf(text.strip().toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw new InvalidValueException("unknown day " + Values.quote(text.strip()) + " (days are "
                    + String.join(", ", DAYS) + ")");
        }
        return index;
    }

    private static LocalTime parseTime(String text, boolean end) throws InvalidValueException {
        if (end && text.equals("24:00")) {
            return END_OF_DAY;
        }
        try {
            return LocalTime.parse(text, TIME);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("not a time of day: " + Values.quote(text) + " (use 00:00 to 24:00)");
        }
    }

    private static String formatTime(LocalTime time) {
        return time.equals(END_OF_DAY) ? "24:00" : String.format(Locale.ROOT, "%02d:%02d", time.getHour(),
                time.getMinute());
    }

    private static String formatDays(List<DayOfWeek> days) {
        List<String> items = new ArrayList<>();
        int i = 0;
        while (i < days.size()) {
            int j = i;
            while (j + 1 < days.size() && days.get(j + 1).getValue() == days.get(j).getValue() + 1) {
                j++;
            }
            String first = DAYS.get(days.get(i).getValue() - 1);
            String last = DAYS.get(days.get(j).getValue() - 1);
            items.add(j == i ? first : j == i + 1 ? first + "," + last : first + "-" + last);
            i = j + 1;
        }
        return String.join(",", items);
    }

    private static int firstDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
