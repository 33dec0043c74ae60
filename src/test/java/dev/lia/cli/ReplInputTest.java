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

    @Test
    void liaHasHashCommentsAndMayStartWithAParenthesis() {
        assertThat(ReplInput.complete("x = 1   # a comment with a ( in it")).isTrue();
        assertThat(ReplInput.complete("on env.f() { # {\n")).isFalse();
        assertThat(ReplInput.complete("on env.f() { # {\n}")).isTrue();
        assertThat(ReplInput.scriptCommand("(invoke \"f\")")).isTrue();
        assertThat(ReplInput.scriptCommand("  (module $m)")).isTrue();
        assertThat(ReplInput.scriptCommand("(func (export \"f\"))")).isTrue();
        assertThat(ReplInput.scriptCommand("(x + 1) * 2")).isFalse();
        assertThat(ReplInput.scriptCommand("(memory.size)")).isFalse();
        assertThat(ReplInput.scriptCommand("x = (1)")).isFalse();
        assertThat(ReplInput.blockEnd("on a.b() { if 1 { \"}\" } } x", 9)).isEqualTo(25);
    }
}
