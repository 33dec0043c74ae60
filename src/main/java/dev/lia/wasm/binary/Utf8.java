package dev.lia.wasm.binary;

/**
 * Strict UTF-8 well-formedness as names require: shortest form only, no surrogates, nothing above
 * U+10FFFF, no truncated sequences.
 */
final class Utf8 {
    private Utf8() {}

    static boolean isWellFormed(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int length;
            int min; // smallest code point this length may encode (shortest form rule)
            int cp;
            if (c >= 0xC2 && c <= 0xDF) {
                length = 2;
                min = 0x80;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                length = 3;
                min = 0x800;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                length = 4;
                min = 0x10000;
                cp = c & 0x07;
            } else {
                return false; // a continuation byte, an overlong 2-byte lead (C0, C1), or F5..FF
            }
            if (to - i < length) return false;
            for (int k = 1; k < length; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) return false;
                cp = cp << 6 | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
            i += length;
        }
        return true;
    }
}
