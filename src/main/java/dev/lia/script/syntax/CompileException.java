package dev.lia.script.syntax;

import java.util.List;

/** A script did not compile: every error found, in source order. Nothing of the script has run. */
public final class CompileException extends RuntimeException {
    private final Source source;
    private final List<Diagnostic> errors;

    public CompileException(Source source, List<Diagnostic> errors) {
        super(errors.isEmpty() ? "compile error" : errors.get(0).format(source), null, false, false);
        this.source = source;
        this.errors = errors.stream()
                .sorted(java.util.Comparator.comparingInt((Diagnostic d) -> d.pos().line()).thenComparingInt(d -> d.pos().col()))
                .toList();
    }

    public Source source() {
        return source;
    }

    public List<Diagnostic> errors() {
        return errors;
    }

    /** Every error formatted, separated by blank lines... one per paragraph. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : errors) {
            if (sb.length() > 0) sb.append('\n');
            sb.append(d.format(source));
        }
        return sb.toString();
    }
}
