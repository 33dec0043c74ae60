package dev.lia.cli;

import dev.lia.script.syntax.Type;
import dev.lia.script.value.Literals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16, defect 7 (and 12's float and escape items): one value printer, one float parser and one
 * backtrace format for lia run, lia call and the REPL.
 */
class OneValueFormatTest {
    /** The demo module's scale and divide, without its import (lia call links only spectest). */
    static final String WAT = """
            (module
              (func $scale (export "scale") (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1)))
              (func $quotient (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func $divide (export "divide") (param i32 i32) (result i32) (call $quotient (local.get 0) (local.get 1))))
            """;
    static final String F32 = "(module (func (export \"half\") (param f32) (result f32) (f32.mul (local.get 0) (f32.const 0.5))))";

    @TempDir
    Path dir;
    String DEMO;

    @org.junit.jupiter.api.BeforeEach
    void module() throws Exception {
        DEMO = Files.writeString(dir.resolve("demo.wat"), WAT).toString();
    }

    LiaCli.Result script(String text, String... more) throws Exception {
        Path s = Files.writeString(dir.resolve("s.lia"), text);
        String[] args = new String[4 + more.length];
        args[0] = "run";
        args[1] = s.toString();
        args[2] = "--module";
        args[3] = DEMO;
        System.arraycopy(more, 0, args, 4, more.length);
        return LiaCli.run(args);
    }

    String repl(String input) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return LiaCli.run("repl", DEMO).out();
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void callRunAndReplPrintFloatsAlike() throws Exception {
        assertThat(LiaCli.run("call", DEMO, "scale", "1", "1").out()).isEqualTo("1 : f64\n");
        assertThat(LiaCli.run("call", DEMO, "scale", "5e-324", "-1").out()).isEqualTo("-5e-324 : f64\n");
        assertThat(script("return scale(1, 1), scale(5e-324, -1)").out()).isEqualTo("1 : f64\n-5e-324 : f64\n");
        assertThat(repl("(invoke \"scale\" (f64.const 1) (f64.const 1))\n(invoke \"scale\" (f64.const 5e-324) (f64.const -1))\n"))
                .endsWith("\n1 : f64\n-5e-324 : f64\n");
        assertThat(LiaCli.run("call", DEMO, "scale", "1e300", "10").out()).isEqualTo("1e301 : f64\n");
    }

    @Test
    void anF32ArgumentOutOfRangeIsAnErrorNotInf() throws Exception {
        Path m = Files.writeString(dir.resolve("h.wat"), F32);
        LiaCli.Result r = LiaCli.run("call", m.toString(), "half", "1e39");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lia call: argument 1 (f32): \"1e39\" is out of range for f32 (its largest finite value is "
                + "3.4028235e38; write inf for infinity)\n");
        assertThat(LiaCli.run("call", m.toString(), "half", "inf").out()).isEqualTo("inf : f32\n");
        assertThat(LiaCli.run("call", m.toString(), "half", "3.4028235e38").out()).isEqualTo("1.7014117e38 : f32\n");
        // the same rule for --arg and for literals in a script
        r = script("import f32 x\nreturn x", "--arg", "x=1e39");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("out of range for f32");
    }

    @Test
    void aDeclarationAndAConversionReadAFloatLiteralAlike() throws Exception {
        LiaCli.Result a = script("f32 a = 1e39\nreturn a");
        LiaCli.Result b = script("return f32(1e39)");
        assertThat(a.exit()).isEqualTo(2);
        assertThat(b.exit()).isEqualTo(2);
        assertThat(a.err()).contains("float literal 1e39 is out of range for f32");
        assertThat(b.err()).contains("float literal 1e39 is out of range for f32");
        assertThat(script("f32 a = 0.1\nreturn a, f32(0.1), f32(1), f32(1e38), f32(f64(1e39))").out())
                .isEqualTo("0.1 : f32\n0.1 : f32\n1 : f32\n1e38 : f32\ninf : f32\n");
    }

    @Test
    void floatTextIsReadByTheTextFormatsOneRule() {
        // a decimal exactly halfway between two f32s rounds to even, read in one place for every command
        String halfway = "1.00000005960464477539062500";
        long viaLiteral = Literals.floatBits(halfway, false, Type.F32);
        long viaCall = dev.lia.wasm.spec.ValueText.parseF32(halfway);
        long viaText = dev.lia.wasm.text.Numbers.f32(halfway);
        assertThat(viaLiteral).isEqualTo(viaCall).isEqualTo(viaText).isEqualTo(0x3f800000L);
        assertThat(dev.lia.script.value.ValueText.parse(halfway, Type.F32).bits() & 0xFFFFFFFFL).isEqualTo(0x3f800000L);
        assertThatThrownBy(() -> Literals.floatBits("1e309", false, Type.F64)).hasMessage("float literal 1e309 is out of range for f64");
        assertThatThrownBy(() -> dev.lia.wasm.spec.ValueText.parseF64("1e309")).hasMessageContaining("out of range for f64");
    }

    @Test
    void backtracesReadTheSameInEveryCommand() throws Exception {
        String call = LiaCli.run("call", DEMO, "divide", "1", "0").err();
        String run = script("return divide(1, 0)").out();
        assertThat(call).startsWith("trap: integer divide by zero\n  wasm: quotient @0x").contains("\n  wasm: divide @0x");
        String frames = call.substring(call.indexOf("\n  wasm:"));
        assertThat(run).endsWith(frames);
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream("(invoke \"divide\" (i32.const 1) (i32.const 0))\n".getBytes(StandardCharsets.UTF_8)));
        try {
            assertThat(LiaCli.run("repl", DEMO).err()).isEqualTo(call);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void anAnswerWithAnUnknownEscapeIsAnErrorAsInAScript() throws Exception {
        Path ses = dir.resolve("a.ses");
        assertThat(script("octs a = ext ask()\nreturn a", "--session", ses.toString()).exit()).isEqualTo(3);
        LiaCli.Result r = LiaCli.run("resume", ses.toString(), "--result", "\"a\\q\"");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lia resume: --result 1: unknown escape \\q; expected one of \\n \\r \\t \\0 \\\\ \\\" \\' \\xHH \\u{HEX}\n");
        assertThat(script("return \"a\\q\"").err()).contains("unknown escape \\q; expected one of \\n \\r \\t \\0 \\\\ \\\" \\' \\xHH \\u{HEX}");
        r = LiaCli.run("resume", ses.toString(), "--result", "\"a\\x41\\\\\"");
        assertThat(r.out()).startsWith("\"aA\\\\\" : octs\n");
    }
}
