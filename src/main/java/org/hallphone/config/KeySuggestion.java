package org.hallphone.config;

import java.util.Collection;
import java.util.Locale;

/** Finds the known key an unknown one was probably meant to be, so a typo never goes unnoticed. */
final class KeySuggestion {

    private KeySuggestion() {
    }

    /** The closest known key by edit distance, or {@code null} when none is close enough to be a typo. */
    static String closest(String unknown, Collection<String> known) {
        String typed = unknown.toLowerCase(Locale.ROOT);
        // A quarter of the length catches a dropped "-s" or a swapped word separator, but not an unrelated key.
        int allowed = Math.max(2, typed.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known.stream().sorted().toList()) {
            int distance = distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
