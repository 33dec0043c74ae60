package dev.lia.script.check;

import dev.lia.script.syntax.Spelling;

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
        String best = Spelling.closest(name, candidates);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Up to {@code max} names, comma-separated, with "..." when there are more. */
    static String names(List<String> names, int max) {
        if (names.isEmpty()) return "none";
        List<String> shown = names.size() > max ? names.subList(0, max) : names;
        return String.join(", ", shown) + (names.size() > max ? ", ..." : "");
    }
}
