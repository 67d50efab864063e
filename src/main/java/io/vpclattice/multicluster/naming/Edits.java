package io.vpclattice.multicluster.naming;

/**
 * How far apart two strings are, to name the value meant by a near miss ({@code eu-west-9}, a misspelt key). The
 * config loader's own {@code editDistance} can call this one.
 */
public final class Edits {
    private Edits() {}

    /** Levenshtein distance: insertions, deletions and substitutions of one character each count one. */
    public static int distance(String a, String b) {
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
