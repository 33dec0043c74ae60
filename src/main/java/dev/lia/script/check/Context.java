package dev.lia.script.check;

import dev.lia.script.syntax.Diagnostic;
import dev.lia.script.syntax.Pos;

import java.util.ArrayList;
import java.util.List;

/** What the statement and expression checkers share: the module, the results, the errors. */
final class Context {
    final ModuleInfo module;
    final CheckedScript out;
    final List<Diagnostic> errors = new ArrayList<>();

    Context(ModuleInfo module, CheckedScript out) {
        this.module = module;
        this.out = out;
    }

    void error(Pos pos, String message) {
        errors.add(new Diagnostic(pos, message));
    }

    /** " (did you mean 'x'?)" when a candidate is within two edits, else "". */
    static String suggest(String name, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d < bestDistance && d < name.length()) {
                bestDistance = d;
                best = c;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Up to {@code max} names, comma-separated, with "..." when there are more. */
    static String names(List<String> names, int max) {
        if (names.isEmpty()) return "none";
        List<String> shown = names.size() > max ? names.subList(0, max) : names;
        return String.join(", ", shown) + (names.size() > max ? ", ..." : "");
    }
}
