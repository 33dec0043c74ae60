package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** wat2wasm, wasm2wat, .wat modules for call, and .wast scripts for wast; in-process. */
class TextCommandsTest {
    @TempDir
    Path dir;

    String out;
    String err;

    static final String ADD = """
            (module
              (func $add (export "add") (param $a i32) (param $b i32) (result i32)
                (i32.add (local.get $a) (local.get $b))))
            """;

    int lia(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString().replace(System.lineSeparator(), "\n");
        err = e.toString().replace(System.lineSeparator(), "\n");
        assertThat(out + err).doesNotContain("\tat ").doesNotContain("Exception");
        return code;
    }

    @Test
    void wat2wasmThenWasm2watThenBack() throws IOException {
        Path wat = dir.resolve("add.wat");
        Files.writeString(wat, ADD);
        assertThat(lia("wat2wasm", wat.toString())).isZero();
        Path wasm = dir.resolve("add.wasm");
        assertThat(Files.readAllBytes(wasm)).startsWith(0, 'a', 's', 'm');

        assertThat(lia("wasm2wat", wasm.toString())).isZero();
        assertThat(out).contains("(func $add (;0;) (type 0) (param $a i32) (param $b i32) (result i32)")
                .contains("    local.get $a\n    local.get $b\n    i32.add)");
        Path again = dir.resolve("again.wat");
        Files.writeString(again, out);
        Path wasm2 = dir.resolve("again.wasm");
        assertThat(lia("wat2wasm", again.toString(), "-o", wasm2.toString())).isZero();
        assertThat(Files.readAllBytes(wasm2)).isEqualTo(Files.readAllBytes(wasm));

        assertThat(lia("wasm2wat", wasm.toString(), "-o", dir.resolve("out.wat").toString())).isZero();
        assertThat(Files.readString(dir.resolve("out.wat"))).startsWith("(module");
    }

    @Test
    void callTakesTextModules() throws IOException {
        Path wat = dir.resolve("add.wat");
        Files.writeString(wat, ADD);
        assertThat(lia("call", wat.toString(), "add", "2", "3")).isZero();
        assertThat(out).isEqualTo("5 : i32\n");
    }

    @Test
    void callPrintsGcReferencesByKind() throws IOException {
        Path wat = dir.resolve("gc.wat");
        Files.writeString(wat, """
                (module
                  (type $p (struct (field i32)))
                  (type $a (array (mut i16)))
                  (func (export "s") (result (ref $p)) (struct.new $p (i32.const 5)))
                  (func (export "a") (result anyref) (drop (struct.new $p (i32.const 1))) (array.new $a (i32.const 7) (i32.const 3)))
                  (func (export "i") (result i31ref) (ref.i31 (i32.const -1)))
                  (func (export "e") (result externref) (extern.convert_any (struct.new $p (i32.const 0)))))
                """);
        assertThat(lia("call", wat.toString(), "s")).isZero();
        assertThat(out).isEqualTo("ref.struct 0 : (ref 0)\n");
        assertThat(lia("call", wat.toString(), "a")).isZero();
        assertThat(out).isEqualTo("ref.array 1 [3] : anyref\n");
        assertThat(lia("call", wat.toString(), "i")).isZero();
        assertThat(out).isEqualTo("ref.i31 2147483647 : i31ref\n");
        assertThat(lia("call", wat.toString(), "e")).isZero();
        assertThat(out).isEqualTo("ref.extern (ref.struct 0) : externref\n");
    }

    @Test
    void malformedTextIsOneLineWithPlace() throws IOException {
        Path wat = dir.resolve("bad.wat");
        Files.writeString(wat, "(module\n  (func (i32.const 0x1_0000_0000_0000_0000) drop))\n");
        assertThat(lia("wat2wasm", wat.toString())).isEqualTo(2);
        assertThat(err).isEqualTo(wat + ":2:20: constant out of range\n");
        assertThat(lia("call", wat.toString(), "f")).isEqualTo(2);
        assertThat(err).isEqualTo(wat + ":2:20: constant out of range\n");

        Files.writeString(wat, "(module (func (result i32) (i64.const 1)))");
        assertThat(lia("wat2wasm", wat.toString())).isEqualTo(2);
        assertThat(err).isEqualTo(wat + ":1:41: invalid: type mismatch: expected i32, found i64\n");
        assertThat(lia("wat2wasm", "--no-check", wat.toString())).isZero();

        assertThat(lia("wat2wasm", dir.resolve("none.wat").toString())).isEqualTo(2);
        assertThat(err).endsWith("none.wat: no such file\n");
        Files.write(dir.resolve("bad.wasm"), new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
        assertThat(lia("wasm2wat", dir.resolve("bad.wasm").toString())).isEqualTo(2);
        assertThat(err).contains("malformed: unknown binary version");
    }

    @Test
    void wastRunsScriptsAsReleased() throws IOException {
        Path wast = dir.resolve("t.wast");
        Files.writeString(wast, """
                (module $m (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
                (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
                (assert_return (invoke $m "add" (i32.const 1) (i32.const 2)) (i32.const 4))
                (assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
                (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
                """);
        assertThat(lia("wast", wast.toString())).isEqualTo(1);
        assertThat(out).isEqualTo("t.wast:3: assert_return (invoke $m \"add\" (i32.const 1) (i32.const 2)): "
                + "expected (i32.const 4), got (i32.const 3)\n4 passed, 1 failed, 0 skipped\n");

        Files.writeString(wast, "(module (func $f))\n(assert_return (invoke \"f\" (i32.const)))\n");
        assertThat(lia("wast", wast.toString())).isEqualTo(1);
        assertThat(out).startsWith("t.wast: 2:").contains("unexpected token");
    }

    int repl(String input, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "repl";
            System.arraycopy(args, 0, all, 1, args.length);
            return lia(all);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void replRunsV128() {
        int code = repl("""
                (module
                  (func (export "neg") (param v128) (result v128 i32) (i32x4.neg (local.get 0)) (i32.const 7))
                  (global (export "g") v128 (v128.const i64x2 -1 2)))
                (invoke "neg" (v128.const i32x4 1 2 3 4))
                (get "g")
                (assert_return (invoke "neg" (v128.const i8x16 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)) (v128.const i32x4 -1 0 0 0) (i32.const 7))
                (assert_return (invoke "neg" (v128.const f32x4 0 0 0 0)) (either (v128.const i32x4 1 1 1 1) (v128.const i64x2 0 0)) (i32.const 7))
                (assert_return (invoke "neg" (v128.const i32x4 0 0 0 0)) (v128.const i32x4 0 0 0 1) (i32.const 7))
                """);
        assertThat(code).isZero();
        assertThat(out).isEqualTo("""
                module: exports g, neg
                i32x4 -1 -2 -3 -4 : v128
                7 : i32
                i32x4 -1 -1 2 0 : v128
                ok
                ok
                failed: expected (v128.const i32x4 0 0 0 1) (i32.const 7), got (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000) (i32.const 7)
                """);
    }

    @Test
    void replEvaluatesScriptCommandsAndCarriesOnAfterErrors() {
        int code = repl("""
                (module $m
                  (func (export "add") (param i32 i32) (result i32)
                    (i32.add (local.get 0) (local.get 1)))
                  (global (export "g") f64 (f64.const 1.5)))
                (invoke "add" (i32.const 2) (i32.const 40))
                (get "g")
                (invoke "nope")
                (assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 2))
                (assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 3))
                (invoke "add" (i32.const 1)
                ;; an entry spans lines while parentheses are open
                  (i32.const -2))
                (module (func (export "boom") unreachable))
                (invoke "boom")
                (invoke $m "add" (i32.const 0) (i32.const 7))
                (func bad)
                p = malloc(16)
                (assert_malformed (module quote "(func i32.const)") "unexpected token")
                """);
        assertThat(code).isZero();
        assertThat(out).isEqualTo("""
                module $m: exports add, g
                42 : i32
                1.5 : f64
                ok
                failed: expected (i32.const 3), got (i32.const 2)
                -1 : i32
                module: exports boom
                7 : i32
                ok
                """);
        assertThat(err).isEqualTo("""
                error: no exported function "nope"
                trap: unreachable
                  wasm: boom @0x21
                input:1:7: malformed: unknown operator bad
                input:1:5: unknown export 'malloc'; the module exports functions: boom
                    p = malloc(16)
                        ^^^^^^^^^^
                """);
    }

    @Test
    void replStartsWithAModule() throws IOException {
        Path wat = dir.resolve("add.wat");
        Files.writeString(wat, ADD);
        assertThat(repl("(invoke \"add\" (i32.const 1) (i32.const 2))\n", wat.toString())).isZero();
        assertThat(out).isEqualTo("module $add (add.wat): exports add\n3 : i32\n");
    }
}
