package dev.lia.wasm.text;

import java.util.Arrays;

/**
 * A text being read, with what it takes to turn code point positions into 1-based lines and columns.
 * A line ends at LF, CR or CR LF.
 */
public final class TextSource {
    private final String name;
    private final String text;
    private final int[] lineStarts; // code point index where each line starts
    private final int length;

    public TextSource(String name, String text) {
        this.name = name;
        this.text = text;
        int[] starts = new int[16];
        int lines = 1;
        int cp = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            int width = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            i += width;
            cp++;
            boolean newline = c == '\n' || (c == '\r' && (i >= text.length() || text.charAt(i) != '\n'));
            if (newline) {
                if (lines == starts.length) starts = Arrays.copyOf(starts, lines * 2);
                starts[lines++] = cp;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, lines);
        this.length = cp;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** Length in code points. */
    public int length() {
        return length;
    }

    /** 1-based line of a code point index. */
    public int line(int pos) {
        int i = Arrays.binarySearch(lineStarts, pos);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column of a code point index. */
    public int column(int pos) {
        return pos - lineStarts[line(pos) - 1] + 1;
    }

    /** The exception with its line and column filled in (unchanged if it has them already). */
    public TextFormatException locate(TextFormatException e) {
        if (e.line() > 0 || e.position() < 0) return e;
        int pos = Math.min(e.position(), length);
        return new TextFormatException(e.getMessage(), pos, line(pos), column(pos));
    }
}
