package dev.lia.script.syntax;

import java.util.Collection;

/** "Did you mean": the candidate a misspelt name is closest to, for every error that suggests one. */
public final class Spelling {
    private Spelling() {}

    /** The candidate within two edits of {@code name} (and fewer edits than its length), nearest first; null if none. */
    public static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d < bestDistance && d < name.length()) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
