package dev.lia.script.syntax;

/**
 * A place in a script: 1-based line and column, and how many characters the construct spans on
 * that line (at least 1), so a message can underline it.
 */
public record Pos(int line, int col, int length) {
    public static final Pos NONE = new Pos(0, 0, 0);

    public Pos(int line, int col) {
        this(line, col, 1);
    }

    @Override
    public String toString() {
        return line + ":" + col;
    }
}
