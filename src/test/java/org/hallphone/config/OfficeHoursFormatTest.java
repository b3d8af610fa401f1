package org.hallphone.config;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfficeHoursFormatTest {

    private static OfficeHours.Span span(DayOfWeek day, int fromHour, int fromMinute, int toHour, int toMinute) {
        return new OfficeHours.Span(day, LocalTime.of(fromHour, fromMinute), LocalTime.of(toHour, toMinute));
    }

    @Test
    void daysAsListsRangesAndSeveralSpans() throws InvalidValueException {
        OfficeHours hours = OfficeHoursFormat.parse("mon, wed 08:00-12:00 13:00-17:30; fri 9:00-10:00");
        assertEquals(List.of(
                span(MONDAY, 8, 0, 12, 0), span(MONDAY, 13, 0, 17, 30),
                span(WEDNESDAY, 8, 0, 12, 0), span(WEDNESDAY, 13, 0, 17, 30),
                span(FRIDAY, 9, 0, 10, 0)), hours.spans());
    }

    @Test
    void aRangeMayWrapAroundTheWeekAnd2400EndsTheDay() throws InvalidValueException {
        OfficeHours hours = OfficeHoursFormat.parse("sat-mon 00:00-24:00");
        assertEquals(List.of(MONDAY, SATURDAY, SUNDAY), hours.spans().stream().map(OfficeHours.Span::day).toList());
        assertTrue(hours.isOpen(LocalDateTime.of(2026, 11, 29, 23, 59, 59)));
        assertFalse(hours.isOpen(LocalDateTime.of(2026, 11, 24, 12, 0)));
    }

    @Test
    void emptyTextIsAlwaysOpen() throws InvalidValueException {
        assertEquals(OfficeHours.ALWAYS, OfficeHoursFormat.parse(""));
        assertEquals("", OfficeHoursFormat.format(OfficeHours.ALWAYS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mon-fri 08:00-20:00; sat 09:00-15:00 | mon-fri 08:00-20:00; sat 09:00-15:00",
        "sat 09:00-15:00; mon-fri 8:00-20:00  | mon-fri 08:00-20:00; sat 09:00-15:00",
        "mon,tue,wed 10:00-11:00             | mon-wed 10:00-11:00",
        "mon,tue 10:00-11:00; thu 10:00-11:00 | mon,tue,thu 10:00-11:00",
        "sun-mon 10:00-24:00                 | mon,sun 10:00-24:00",
        "fri 13:00-14:00, 08:00-12:00        | fri 08:00-12:00, 13:00-14:00",
    })
    void formatsCanonicallyAndReadsBackTheSame(String text, String canonical) throws InvalidValueException {
        OfficeHours hours = OfficeHoursFormat.parse(text);
        assertEquals(canonical, OfficeHoursFormat.format(hours));
        assertEquals(hours, OfficeHoursFormat.parse(canonical));
    }

    @Test
    void errorsNameTheBadPart() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> OfficeHoursFormat.parse("mon-fri 08:00-20:00; sat 15:00-09:00"));
        assertEquals("empty span 15:00-09:00: the end must be after the start", e.getMessage());
        e = assertThrows(InvalidValueException.class, () -> OfficeHoursFormat.parse("mon-tue-wed 08:00-09:00"));
        assertEquals("expected a day or a range of days such as mon-fri, got \"mon-tue-wed\"", e.getMessage());
        e = assertThrows(InvalidValueException.class, () -> OfficeHoursFormat.parse("пн 08:00-09:00"));
        assertEquals("unknown day \"пн\" (days are mon, tue, wed, thu, fri, sat, sun)", e.getMessage());
    }
}
