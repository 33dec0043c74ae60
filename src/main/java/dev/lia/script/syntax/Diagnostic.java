package dev.lia.script.syntax;

/** One compile error: where, and what is wrong (the message says what was expected). */
public record Diagnostic(Pos pos, String message) {
    /** The most characters of a source line an error shows. */
    static final int MAX_SHOWN = 160;

    /**
     * {@code file:line:col: message}, then the offending line with the construct underlined.
     */
    public String format(Source source) {
        StringBuilder sb = new StringBuilder(source.where(pos)).append(": ").append(message);
        String full = source.line(pos.line());
        if (pos.line() > 0 && !full.isBlank()) {
            // a long line is shown around the column only, with "..." where it is cut
            int from = full.length() <= MAX_SHOWN ? 0 : Math.max(0, Math.min(pos.col() - 1 - MAX_SHOWN / 3, full.length() - MAX_SHOWN));
            int to = Math.min(full.length(), from + MAX_SHOWN);
            String before = from > 0 ? "..." : "";
            String line = before + full.substring(from, to) + (to < full.length() ? "..." : "");
            int col = pos.col() - from + before.length();
            sb.append('\n').append("    ").append(line).append('\n').append("    ");
            for (int i = 0; i < col - 1 && i < line.length(); i++) sb.append(line.charAt(i) == '\t' ? '\t' : ' ');
            int len = Math.max(1, Math.min(pos.length(), Math.min(to - from + before.length(), line.length()) - col + 1));
            sb.append("^".repeat(len));
        }
        return sb.toString();
    }
}
