package io.vpclattice.multicluster.naming;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the known name a mistyped one most likely stands for. */
public final class Spelling {
    private Spelling() {}

    /** Typos this far from a known name (two edits, ignoring case) are taken for it. */
    static final int MAX_EDITS = 2;

    /** The known name closest to {@code name}, if one is at most {@value #MAX_EDITS} edits away, ignoring case. */
    public static Optional<String> closest(String name, Collection<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(candidate -> editDistance(candidate.toLowerCase(Locale.ROOT), lower) <= MAX_EDITS)
                .min(Comparator.comparingInt(
                                (String candidate) -> editDistance(candidate.toLowerCase(Locale.ROOT), lower))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** {@code " (did you mean X?)"}, or nothing. */
    public static String didYouMean(String name, Collection<String> known) {
        return closest(name, known)
                .map(candidate -> " (did you mean " + candidate + "?)")
                .orElse("");
    }

    /** Levenshtein distance: how many single-character edits turn {@code a} into {@code b}. */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
