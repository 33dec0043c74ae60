package dev.lia.cli;

/**
 * When is a REPL entry complete: every parenthesis (and brace) closed, outside strings and comments
 * ({@code ;;} and {@code (; ;)} in script commands, {@code #} in Lia, which is any entry but a {@link #scriptCommand script command}).
 */
final class ReplInput {
    private ReplInput() {}

    private static final java.util.Set<String> COMMANDS = java.util.Set.of("module", "register", "invoke", "get", "assert_return",
            "assert_trap", "assert_exhaustion", "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable",
            "assert_exception", "script", "input", "output", "thread", "wait", "either", "type", "import", "func", "table", "memory",
            "global", "export", "start", "elem", "data", "tag", "rec");
    private static final java.util.regex.Pattern FIRST_WORD = java.util.regex.Pattern.compile("\\(\\s*([A-Za-z_0-9.]*)");

    /**
     * Whether the entry is a spec script command ({@code (invoke ...)}, {@code (module ...)}, a bare
     * module field such as {@code (func ...)}), not Lia, which may start with a parenthesis too
     * ({@code (x + 1) * 2}, {@code (memory.size)}).
     */
    static boolean scriptCommand(String text) {
        String t = text.strip();
        if (t.startsWith("(;") || t.startsWith(";;")) return true;
        java.util.regex.Matcher m = FIRST_WORD.matcher(t);
        return m.lookingAt() && COMMANDS.contains(m.group(1));
    }

    /** How many brackets are open at the end of the text (negative if more were closed than opened). */
    static int openBrackets(String text) {
        return scan(text, 0, false);
    }

    /** The index just after the bracket that closes the one at {@code open} (a Lia entry's), or the text's length. */
    static int blockEnd(String text, int open) {
        return scan(text, open, true);
    }

    /** Tracks brackets from {@code from}; with {@code untilClosed}, returns where depth first falls back to 0. */
    private static int scan(String text, int from, boolean untilClosed) {
        boolean lia = !scriptCommand(text);
        int depth = 0;
        int commentDepth = 0;
        boolean string = false;
        boolean lineComment = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (lineComment) {
                if (c == '\n' || c == '\r') lineComment = false;
            } else if (commentDepth > 0) {
                if (c == '(' && next == ';') {
                    commentDepth++;
                    i++;
                } else if (c == ';' && next == ')') {
                    commentDepth--;
                    i++;
                }
            } else if (string) {
                if (c == '\\') i++;
                else if (c == '"') string = false;
            } else if (c == '"') {
                string = true;
            } else if (lia && c == '#') {
                lineComment = true;
            } else if (!lia && c == ';' && next == ';') {
                lineComment = true;
            } else if (!lia && c == '(' && next == ';') {
                commentDepth = 1;
                i++;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
                if (untilClosed && depth == 0) return i + 1;
            }
        }
        if (untilClosed) return text.length();
        return commentDepth > 0 || string ? Math.max(depth, 0) + 1 : depth;
    }

    /** Whether the text is a whole entry (nothing left open). */
    static boolean complete(String text) {
        return openBrackets(text) <= 0;
    }
}
