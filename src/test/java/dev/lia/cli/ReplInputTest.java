package dev.lia.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplInputTest {
    @Test
    void bracketsInStringsAndCommentsDoNotCount() {
        assertThat(ReplInput.complete("(invoke \"f\" (i32.const 1))")).isTrue();
        assertThat(ReplInput.complete("(invoke \"(\"")).isFalse();
        assertThat(ReplInput.complete("(invoke \"(\")")).isTrue();
        assertThat(ReplInput.complete("(invoke \"\\\")\"")).isFalse();
        assertThat(ReplInput.complete("(module ;; )\n")).isFalse();
        assertThat(ReplInput.complete("(module (; ) (; ) ;) ;) )")).isTrue();
        assertThat(ReplInput.complete("(module (; ) ;)")).isFalse();
        assertThat(ReplInput.complete("p = f({x: 1}")).isFalse();
        assertThat(ReplInput.complete("p = f({x: 1})")).isTrue();
        assertThat(ReplInput.complete("\"open string")).isFalse();
    }
}
