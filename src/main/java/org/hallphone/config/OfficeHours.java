package org.hallphone.config;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * Weekly office hours such as {@code mon-fri 08:00-20:00; sat 09:00-15:00}. An empty list means always open.
 */
public record OfficeHours(List<Span> spans) {

    public static final OfficeHours ALWAYS = new OfficeHours(List.of());

    public OfficeHours {
        spans = List.copyOf(spans);
    }

    /** True when {@code time} (local wall-clock time of the terminal) falls inside a span. */
    public boolean isOpen(LocalDateTime time) {
        if (spans.isEmpty()) {
            return true;
        }
        LocalTime t = time.toLocalTime();
        for (Span span : spans) {
            if (span.day() == time.getDayOfWeek() && !t.isBefore(span.from()) && t.isBefore(span.to())) {
                return true;
            }
        }
        return false;
    }

    /** One day's opening, {@code from} inclusive, {@code to} exclusive. */
    public record Span(DayOfWeek day, LocalTime from, LocalTime to) {
    }
}
