package org.hallphone.calllog;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The patients' ratings of one day.
 *
 * @param date    the day, in the terminal's zone
 * @param byStars five counts: index 0 holds the 1-star ratings, index 4 the 5-star ratings
 */
public record RatingCounts(LocalDate date, List<Integer> byStars) {

    public RatingCounts {
        byStars = List.copyOf(byStars);
        if (byStars.size() != RatingLog.MAX_STARS) {
            throw new IllegalArgumentException("byStars needs " + RatingLog.MAX_STARS + " counts, got " + byStars);
        }
    }

    /** How many ratings gave {@code stars} (1-5). */
    public int count(int stars) {
        return byStars.get(stars - 1);
    }

    public int total() {
        return byStars.stream().mapToInt(Integer::intValue).sum();
    }

    /** The mean number of stars; empty when there was no rating. */
    public OptionalDouble average() {
        int total = total();
        if (total == 0) {
            return OptionalDouble.empty();
        }
        long sum = 0;
        for (int i = 0; i < byStars.size(); i++) {
            sum += (long) (i + 1) * byStars.get(i);
        }
        return OptionalDouble.of((double) sum / total);
    }
}
