package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, defect 8: validation errors give the expected and found types, line:col for text, and name the file. */
class ValidationMessagesTest {
    static final String BAD = """
            (module
              (func (export "f") (result i32)
                (i32.add (i32.const 1)
                         (f64.const 2))))
            """;

    @TempDir
    Path dir;

    @Test
    void aTypeMismatchSaysWhatWasExpectedAndFoundAtTheLineAndColumnOfAWatFile() throws Exception {
        Path wat = Files.writeString(dir.resolve("bad.wat"), BAD);
        Path script = Files.writeString(dir.resolve("s.lia"), "return f()");
        String expected = wat + ":3:6: invalid: type mismatch: expected i32, found f64\n";
        LiaCli.Result r = LiaCli.run("call", wat.toString(), "f");
        assertThat(r.err()).isEqualTo(expected);
        r = LiaCli.run("run", script.toString(), "--module", wat.toString());
        assertThat(r.err()).isEqualTo(expected);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(LiaCli.run("check", script.toString(), "--module", wat.toString()).err()).isEqualTo(expected);
    }

    @Test
    void aBinaryGivesTheByteOffsetAndTheFile() throws Exception {
        Path wat = Files.writeString(dir.resolve("bad.wat"), BAD);
        Path wasm = dir.resolve("bad.wasm");
        assertThat(LiaCli.run("wat2wasm", "--no-check", wat.toString(), "-o", wasm.toString()).exit()).isZero();
        LiaCli.Result r = LiaCli.run("call", wasm.toString(), "f");
        assertThat(r.err()).matches("\\Q" + wasm + ": invalid: type mismatch: expected i32, found f64 at byte offset \\E\\d+\n");
    }

    @Test
    void valuesLeftOverAtTheEndOfABlock() throws Exception {
        Path wat = Files.writeString(dir.resolve("two.wat"), "(module\n  (func (result i32)\n    i32.const 1\n    i32.const 2))\n");
        LiaCli.Result r = LiaCli.run("call", wat.toString(), "f");
        assertThat(r.err()).isEqualTo(wat + ":4:16: invalid: type mismatch: 1 value [i32] left over at the end of the block, which gives [i32]\n");
        wat = Files.writeString(dir.resolve("none.wat"), "(module\n  (func (result i32)\n    (block (result i64) (nop)) drop (i32.const 0)))\n");
        r = LiaCli.run("call", wat.toString(), "f");
        assertThat(r.err()).startsWith(wat + ":3:30: invalid: type mismatch: expected i64, found nothing on the stack");
    }

    @Test
    void runNamesTheFileOfAMalformedModule() throws Exception {
        Path m = Files.write(dir.resolve("bad.wasm"), new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
        Path script = Files.writeString(dir.resolve("s.lia"), "return 1");
        LiaCli.Result r = LiaCli.run("run", script.toString(), "--module", m.toString());
        assertThat(r.err()).isEqualTo(m + ": malformed: unknown binary version at byte offset 4\n");
        assertThat(r.exit()).isEqualTo(2);
    }

    @Test
    void theReplGivesThePlaceInTheEntry() {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(BAD.getBytes(StandardCharsets.UTF_8)));
        try {
            LiaCli.Result r = LiaCli.run("repl");
            assertThat(r.err()).isEqualTo("input:3:6: invalid: type mismatch: expected i32, found f64\n");
        } finally {
            System.setIn(saved);
        }
    }

    /** Malformed text is placed the same way, input:LINE:COL, whether the script or the module does not parse. */
    @Test
    void theReplPlacesMalformedTextInTheEntryToo() {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream("(module\n  (func (i32.bogus)))\n(invoke \"f\" (i32.const 1)\n".getBytes(StandardCharsets.UTF_8)));
        try {
            LiaCli.Result r = LiaCli.run("repl");
            assertThat(r.err()).isEqualTo("input:2:10: malformed: unknown operator i32.bogus\ninput:1:26: unexpected token: end of input, missing \")\"\n");
        } finally {
            System.setIn(saved);
        }
    }
}
