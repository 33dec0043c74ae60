package dev.lia.script.syntax;

/** One compile error: where, and what is wrong (the message says what was expected). */
public record Diagnostic(Pos pos, String message) {

    /**
     * {@code file:line:col: message}, then the offending line with the construct underlined.
     */
    public String format(Source source) {
        StringBuilder sb = new StringBuilder(source.where(pos)).append(": ").append(message);
        String line = source.line(pos.line());
        if (pos.line() > 0 && !line.isBlank()) {
            sb.append('\n').append("    ").append(line).append('\n').append("    ");
            for (int i = 0; i < pos.col() - 1 && i < line.length(); i++) sb.append(line.charAt(i) == '\t' ? '\t' : ' ');
            int len = Math.max(1, Math.min(pos.length(), line.length() - pos.col() + 1));
            sb.append("^".repeat(len));
        }
        return sb.toString();
    }
}
