package dev.lia.wasm.binary;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.lia.wasm.binary.Bin.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    private static boolean wellFormed(byte[] b) {
        return Utf8.isWellFormed(b, 0, b.length);
    }

    @Test
    void acceptsEveryLengthUpToTheLastCodePoint() {
        assertThat(wellFormed("plain ascii".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(wellFormed("é€😀".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(wellFormed(bytes(0xF4, 0x8F, 0xBF, 0xBF))).isTrue(); // U+10FFFF
        assertThat(wellFormed(bytes(0xEF, 0xBF, 0xBF))).isTrue(); // U+FFFF, a noncharacter but well-formed
    }

    @Test
    void rejectsOverlongForms() {
        assertThat(wellFormed(bytes(0xC0, 0x80))).isFalse();
        assertThat(wellFormed(bytes(0xC1, 0xBF))).isFalse();
        assertThat(wellFormed(bytes(0xE0, 0x80, 0x80))).isFalse();
        assertThat(wellFormed(bytes(0xF0, 0x8F, 0xBF, 0xBF))).isFalse();
    }

    @Test
    void rejectsSurrogatesAndCodePointsBeyondUnicode() {
        assertThat(wellFormed(bytes(0xED, 0xA0, 0x80))).isFalse();
        assertThat(wellFormed(bytes(0xED, 0xBF, 0xBF))).isFalse();
        assertThat(wellFormed(bytes(0xF4, 0x90, 0x80, 0x80))).isFalse();
        assertThat(wellFormed(bytes(0xF5, 0x80, 0x80, 0x80))).isFalse();
    }

    @Test
    void rejectsBrokenSequences() {
        assertThat(wellFormed(bytes(0x80))).isFalse(); // lone continuation
        assertThat(wellFormed(bytes(0xC3))).isFalse(); // truncated
        assertThat(wellFormed(bytes(0xE2, 0x82))).isFalse();
        assertThat(wellFormed(bytes(0xC3, 0x41))).isFalse(); // continuation expected
        assertThat(wellFormed(bytes(0xFF))).isFalse();
    }
}
