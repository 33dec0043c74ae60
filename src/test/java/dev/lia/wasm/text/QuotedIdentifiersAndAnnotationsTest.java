package dev.lia.wasm.text;

import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The 3.0 text format's quoted identifiers ({@code $"..."}) and annotations ({@code (@id ...)}). */
class QuotedIdentifiersAndAnnotationsTest {

    private static String error(String wat) {
        return TextFormatTest.error(wat).getMessage();
    }

    @Test
    void aQuotedIdentifierIsTheSameAsTheUnquotedOneWithTheSameCharacters() {
        Module m = TextFormat.parseModule("(module (func $\"f\\41\") (func $g (call $fA) (call $\"\\u{66}A\") (call $\"g\")))");
        List<Instruction> body = m.codes().get(1).body().instructions();
        assertThat(body).extracting(i -> i.op).containsOnly(Opcode.CALL);
        assertThat(body).extracting(i -> i.a).containsExactly(0L, 0L, 1L);
        assertThat(m.names().functionNames()).containsEntry(0, "fA").containsEntry(1, "g");
        assertThat(error("(module (func $a) (func $\"a\"))")).isEqualTo("duplicate func $a");
    }

    @Test
    void quotedIdentifiersMayHoldAnyCharactersAndNameLabels() {
        Module m = TextFormat.parseModule("(module (func $\" a\\tb \" (block $\"l 1\" (br $\"l 1\")) block $x end $\"x\"))");
        assertThat(m.names().functionNames()).containsEntry(0, " a\tb ");
        assertThat(error("(module (func block $x end $\"y\"))")).isEqualTo("mismatching label $y");
    }

    @Test
    void emptyOrMalformedIdentifiersAreErrors() {
        assertThat(error("(module (func $))")).isEqualTo("empty identifier");
        assertThat(error("(module (func $\"\"))")).isEqualTo("empty identifier");
        assertThat(error("(module (func $ \"a\"))")).isEqualTo("empty identifier");
        assertThat(error("(module (func $\"a\nb\"))")).isEqualTo("empty identifier");
        assertThat(error("(module (func $\"a\tb\"))")).isEqualTo("empty identifier");
        assertThat(error("(module (func $\"\\q\"))")).isEqualTo("empty identifier");
        assertThat(error("(module (func $\"\\ef\"))")).isEqualTo("malformed UTF-8 encoding");
        assertThat(error("(module (func $\"a\"b))")).startsWith("unknown operator");
    }

    @Test
    void thePrinterQuotesNamesThatAreNoPlainIdentifierAndTheyReadBack() {
        Module m = TextFormat.parseModule("(module (func $\"a b\") (func $\"q\\\"\") (func $plain (call $\"a b\")))");
        String wat = WatPrinter.print(m);
        assertThat(wat).contains("$\"a b\"").contains("$\"q\\\"\"").contains("$plain");
        assertThat(TextFormat.parseModule(wat).names().functionNames()).isEqualTo(m.names().functionNames());
    }

    @Test
    void annotationsAreWhiteSpace() {
        Module m = TextFormat.parseModule("""
                (module (@custom "x" (after code) "\\00") (@a)
                  (func (@name "f") (result i32) (@x y $z "s" -1 0.5 , ; [ ] { } (nested (@in)) (; c ;) ;; line
                  ) i32.const 7 (@@))
                  (@"quoted id" $"q" (@"n")))""");
        assertThat(m.functions()).hasSize(1);
        assertThat(m.codes().get(0).body().instructions()).hasSize(1);
        assertThat(error("(module ( @a))")).startsWith("unknown operator");
    }

    @Test
    void annotationsMustBeWellFormed() {
        assertThat(error("(module (@))")).isEqualTo("empty annotation id");
        assertThat(error("(module (@ x))")).isEqualTo("empty annotation id");
        assertThat(error("(module (@\"\"))")).isEqualTo("empty annotation id");
        assertThat(error("(module (@\"\n\"))")).isEqualTo("empty annotation id");
        assertThat(error("(module (@\"\\ef\"))")).isEqualTo("malformed UTF-8 encoding");
        assertThat(error("(module (@a \u0001))")).isEqualTo("illegal character");
        assertThat(error("(module (@a Würstchen))")).isEqualTo("illegal character");
        assertThat(error("(module (@a \"open))")).isEqualTo("unclosed string literal");
        assertThat(error("(module (@a \"\\q\"))")).isEqualTo("illegal escape");
        assertThat(error("(module (@a $ x))")).isEqualTo("empty identifier");
        assertThat(error("(module (@a (b)")).isEqualTo("unclosed annotation");
        assertThat(error("(module (@a (; x )")).isEqualTo("unclosed comment");
        TextFormatException e = TextFormatTest.error("(module\n  (@a x\n  \u0007))");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
    }
}
