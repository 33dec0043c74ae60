package dev.lia.wasm.text;

/** Strict UTF-8 decoding of source text, reporting where it is malformed. */
final class Utf8Text {
    private Utf8Text() {}

    /** The text; {@link TextFormatException} "malformed UTF-8 encoding" at the code point where it breaks. */
    static String decode(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int cp = 0;
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int need;
            int value;
            int min;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                cp++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                need = 1; value = c & 0x1F; min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2; value = c & 0x0F; min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3; value = c & 0x07; min = 0x10000;
            } else {
                throw new TextFormatException("malformed UTF-8 encoding", cp);
            }
            if (i + need >= b.length) throw new TextFormatException("malformed UTF-8 encoding", cp);
            for (int k = 1; k <= need; k++) {
                int d = b[i + k] & 0xFF;
                if ((d & 0xC0) != 0x80) throw new TextFormatException("malformed UTF-8 encoding", cp);
                value = value << 6 | (d & 0x3F);
            }
            if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
                throw new TextFormatException("malformed UTF-8 encoding", cp);
            }
            sb.appendCodePoint(value);
            i += need + 1;
            cp++;
        }
        return sb.toString();
    }
}
