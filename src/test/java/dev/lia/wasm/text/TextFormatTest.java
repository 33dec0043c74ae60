package dev.lia.wasm.text;

import dev.lia.wasm.syntax.BlockType;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.syntax.ValType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextFormatTest {

    static List<Instruction> body(String wat) {
        return TextFormat.parseModule(wat).codes().get(0).body().instructions();
    }

    static TextFormatException error(String wat) {
        try {
            TextFormat.parseModule(wat);
        } catch (TextFormatException e) {
            return e;
        }
        throw new AssertionError("parsed: " + wat);
    }

    @Test
    void commentsNestAndLineCommentsEndAtLfCrOrCrLf() {
        for (String nl : new String[] {"\n", "\r", "\r\n"}) {
            Module m = TextFormat.parseModule("(module ;; a comment" + nl + "(; outer (; inner ;) still ;) (func))");
            assertThat(m.functions()).hasSize(1);
            TextFormatException e = error("(module ;; x" + nl + ";; y" + nl + "  (func bogus))");
            assertThat(e.getMessage()).isEqualTo("unknown operator bogus");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(9);
        }
        assertThat(error("(module (; (; ;) (func))").getMessage()).isEqualTo("unclosed comment");
    }

    @Test
    void stringsWithEveryEscape() {
        Module m = TextFormat.parseModule("(module (memory 1) (data (i32.const 0) \"\\t\\n\\r\\\"\\'\\\\\\00\\ff\\u{1F600}é\"))");
        byte[] expected = ("\t\n\r\"'\\").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\uD83D\uDE00é".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[expected.length + 2 + tail.length];
        System.arraycopy(expected, 0, all, 0, expected.length);
        all[expected.length] = 0;
        all[expected.length + 1] = (byte) 0xFF;
        System.arraycopy(tail, 0, all, expected.length + 2, tail.length);
        assertThat(m.datas().get(0).bytes()).isEqualTo(all);
        assertThat(error("(module (data \"\\q\"))").getMessage()).isEqualTo("illegal escape");
        assertThat(error("(module (data \"abc\n\"))").getMessage()).isEqualTo("unclosed string literal");
        assertThat(error("(module (func (export \"\\ff\")))").getMessage()).isEqualTo("malformed UTF-8 encoding");
    }

    @Test
    void numbersWithTheirRanges() {
        List<Instruction> b = body("(module (func i32.const 0xffff_ffff i32.const -0x8000_0000 i64.const 18_446_744_073_709_551_615"
                + " f32.const 0x1p-149 f32.const -inf f32.const nan:0x200000 f64.const 1e-400 f64.const 0x1.fffffffffffffp1023 f32.const 1.00000005960464477539"
                + " f32.const 16777217))");
        assertThat(b.get(0).a).isEqualTo(-1);
        assertThat(b.get(1).a).isEqualTo(Integer.MIN_VALUE);
        assertThat(b.get(2).a).isEqualTo(-1L);
        assertThat((int) b.get(3).a).isEqualTo(1);
        assertThat((int) b.get(4).a).isEqualTo(0xFF800000);
        assertThat((int) b.get(5).a).isEqualTo(0x7FA00000);
        assertThat(b.get(6).a).isEqualTo(0L);
        assertThat(b.get(7).a).isEqualTo(Double.doubleToRawLongBits(Double.MAX_VALUE));
        assertThat((int) b.get(8).a).isEqualTo(Float.floatToRawIntBits(1.0f)); // exactly half way: to even
        assertThat((int) b.get(9).a).isEqualTo(Float.floatToRawIntBits(16777216f));
        assertThat(error("(module (func i32.const 0x1_0000_0000 drop))").getMessage()).isEqualTo("constant out of range");
        assertThat(error("(module (func f32.const 0x1p128 drop))").getMessage()).isEqualTo("constant out of range");
        assertThat(error("(module (func f32.const 1__0 drop))").getMessage()).startsWith("unknown operator");
        assertThat(error("(module (func i32.const nan:canonical drop))").getMessage()).startsWith("unexpected token");
    }

    @Test
    void abbreviationsDesugar() {
        Module m = TextFormat.parseModule("""
                (module
                  (type $v (func))
                  (import "m" "f" (func $imp (param i32)))
                  (global $g (import "m" "g") (mut i32))
                  (func $f (export "f") (export "g") (param $x i32) (result i32)
                    (block $b (result i32) (br_if $b (local.get $x) (local.get $x))))
                  (func (param i64 i64))
                  (table $t (export "t") funcref (elem $f $imp))
                  (memory (data "ab")))
                """);
        assertThat(m.types()).hasSize(4); // $v, then implicit: (param i32), (param i32) (result i32), (param i64 i64)
        assertThat(m.imports()).hasSize(2);
        assertThat(m.imports().get(1).kind()).isEqualTo(ExternKind.GLOBAL);
        assertThat(m.functions()).containsExactly(2, 3);
        assertThat(m.exports()).extracting(e -> e.name()).containsExactly("f", "g", "t");
        assertThat(m.tables().get(0).limits().min()).isEqualTo(2);
        assertThat(m.elements().get(0).mode()).isEqualTo(SegmentMode.ACTIVE);
        assertThat(m.memories().get(0).limits().max()).isEqualTo(1);
        assertThat(m.names().functionNames()).containsEntry(0, "imp").containsEntry(1, "f");
        List<Instruction> b = m.codes().get(0).body().instructions();
        assertThat(b.get(0).op).isEqualTo(Opcode.BLOCK);
        assertThat(b.get(0).a).isEqualTo(BlockType.of(ValType.I32));
        assertThat(b).extracting(i -> i.op).containsExactly(Opcode.BLOCK, Opcode.LOCAL_GET, Opcode.LOCAL_GET, Opcode.BR_IF, Opcode.END);
    }

    @Test
    void ifFormsAndLabels() {
        List<Instruction> b = body("(module (func (param i32) (if $l (local.get 0) (then (br $l)) (else)) "
                + "local.get 0 if $m else $m br $m end $m))");
        assertThat(b).extracting(i -> i.op).containsExactly(Opcode.LOCAL_GET, Opcode.IF, Opcode.BR, Opcode.END,
                Opcode.LOCAL_GET, Opcode.IF, Opcode.ELSE, Opcode.BR, Opcode.END);
        assertThat(error("(module (func block $a end $b))").getMessage()).startsWith("mismatching label");
        assertThat(error("(module (func br $nowhere))").getMessage()).startsWith("unknown label");
    }

    @Test
    void errorsNameThePlace() {
        TextFormatException e = error("(module\n  (func $f)\n  (func $f))");
        assertThat(e.getMessage()).isEqualTo("duplicate func $f");
        assertThat(e.located()).isEqualTo("3:9: duplicate func $f");
        assertThatThrownBy(() -> TextFormat.parseModule("(module (func) (import \"\" \"\" (func)))"))
                .hasMessage("import after function");
        assertThatThrownBy(() -> TextFormat.parseModule("(module (func (type 0) (param i32)) (type (func)))"))
                .hasMessage("inline function type");
        assertThatThrownBy(() -> TextFormat.parseModule("(module (func (i32.load align=3 (i32.const 0))))"))
                .hasMessageStartingWith("alignment");
    }

    @Test
    void quotedAndBareModules() {
        assertThat(TextFormat.parseModule("(module quote \"(func)\" \"(func)\")").functions()).hasSize(2);
        assertThat(TextFormat.parseModule("(func) (memory 1)").memories()).hasSize(1);
    }

    @Test
    void deepNestingIsNoStackOverflow() {
        int n = 30_000;
        String wat = "(module (func " + "(block ".repeat(n) + ")".repeat(n) + "))";
        List<Instruction> b = body(wat);
        assertThat(b).hasSize(2 * n);
    }
}
