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
                .filter(candidate -> Edits.distance(candidate.toLowerCase(Locale.ROOT), lower) <= MAX_EDITS)
                .min(Comparator.comparingInt(
                                (String candidate) -> Edits.distance(candidate.toLowerCase(Locale.ROOT), lower))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** {@code " (did you mean X?)"}, or nothing. */
    public static String didYouMean(String name, Collection<String> known) {
        return closest(name, known)
                .map(candidate -> " (did you mean " + candidate + "?)")
                .orElse("");
    }
}
