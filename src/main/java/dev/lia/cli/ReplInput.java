package dev.lia.cli;

/** When is a REPL entry complete: every parenthesis (and brace) closed, outside strings and comments. */
final class ReplInput {
    private ReplInput() {}

    /** How many brackets are open at the end of the text (negative if more were closed than opened). */
    static int openBrackets(String text) {
        int depth = 0;
        int commentDepth = 0;
        boolean string = false;
        boolean lineComment = false;
        for (int i = 0; i < text.length(); i++) {
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
            } else if (c == ';' && next == ';') {
                lineComment = true;
            } else if (c == '(' && next == ';') {
                commentDepth = 1;
                i++;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            }
        }
        return commentDepth > 0 || string ? Math.max(depth, 0) + 1 : depth;
    }

    /** Whether the text is a whole entry (nothing left open). */
    static boolean complete(String text) {
        return openBrackets(text) <= 0;
    }
}
