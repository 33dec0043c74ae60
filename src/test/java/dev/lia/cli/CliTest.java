package dev.lia.cli;

import dev.lia.wasm.spec.SuiteLocation;
import dev.lia.wasm.spec.TestModules;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@link Main} in-process and checks exit codes and what it prints. */
class CliTest {
    @TempDir
    Path dir;
    Path arith;

    String out;
    String err;

    @BeforeEach
    void modules() throws IOException {
        arith = dir.resolve("arith.wasm");
        Files.write(arith, TestModules.arith());
    }

    int lia(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString().replace(System.lineSeparator(), "\n");
        err = e.toString().replace(System.lineSeparator(), "\n");
        return code;
    }

    private void noStackTrace() {
        assertThat(out + err).doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(lia("--help")).isZero();
        assertThat(out).contains("Usage: lia").contains("call").contains("wast").contains("Exit codes");
        assertThat(lia("call", "--help")).isZero();
        assertThat(out).contains("Usage: lia call").contains("MODULE.wasm").contains("EXPORT").contains("ARG");
        assertThat(lia("wast", "--help")).isZero();
        assertThat(out).contains("Usage: lia wast").contains("FILE");
        assertThat(lia("help", "call")).isZero();
        assertThat(out).contains("Usage: lia call");
        assertThat(lia("--version")).isZero();
        assertThat(out).startsWith("lia ");
    }

    @Test
    void usageErrors() {
        assertThat(lia()).isEqualTo(2);
        assertThat(err).contains("a command is required").contains("Usage: lia");
        assertThat(lia("frobnicate")).isEqualTo(2);
        assertThat(err).contains("frobnicate");
        assertThat(lia("call")).isEqualTo(2);
        assertThat(err).startsWith("lia call: Missing required parameters").contains("Try 'lia call --help'");
        assertThat(lia("wast")).isEqualTo(2);
        assertThat(err).contains("lia wast: Missing required parameter");
        noStackTrace();
    }

    @Test
    void callPrintsResultsWithTypes() {
        assertThat(lia("call", arith.toString(), "add", "2", "3")).as(err).isZero();
        assertThat(out).isEqualTo("5 : i32\n");
        assertThat(lia("call", arith.toString(), "add", "-1", "0xffffffff")).as(err).isZero();
        assertThat(out).isEqualTo("-2 : i32\n");
        assertThat(lia("call", arith.toString(), "fneg", "1.5")).as(err).isZero();
        assertThat(out).isEqualTo("-1.5 : f64\n");
        assertThat(lia("call", arith.toString(), "fneg", "-inf")).as(err).isZero();
        assertThat(out).isEqualTo("inf : f64\n");
        assertThat(lia("call", arith.toString(), "fneg", "nan:0x1")).as(err).isZero();
        assertThat(out).isEqualTo("-nan:0x1 : f64\n");
        assertThat(lia("call", arith.toString(), "id64", "18446744073709551615")).as(err).isZero();
        assertThat(out).isEqualTo("-1 : i64\n");
        assertThat(lia("call", arith.toString(), "two")).as(err).isZero();
        assertThat(out).isEqualTo("7 : i32\n1.5 : f32\n");
        assertThat(lia("call", arith.toString(), "nop")).as(err).isZero();
        assertThat(out).isEmpty();
    }

    @Test
    void callTakesAndPrintsV128() throws IOException {
        Path simd = dir.resolve("simd.wat");
        Files.writeString(simd, """
                (module
                  (func (export "add") (param v128 v128) (result v128 i32)
                    (i32x4.add (local.get 0) (local.get 1)) (i32x4.extract_lane 3 (local.get 1))))
                """);
        assertThat(lia("call", simd.toString(), "add", "i32x4 1 2 3 4", "i8x16 1 0 0 0 -1 -1 -1 -1 0 0 0 0 255 0 0 0")).as(err).isZero();
        assertThat(out).isEqualTo("i32x4 2 1 3 259 : v128\n255 : i32\n");
        assertThat(lia("call", simd.toString(), "add", "f64x2 1.5 -0", "i64x2,0,0x7fffffffffffffff")).as(err).isZero();
        assertThat(out).isEqualTo("i32x4 0 1073217536 -1 -1 : v128\n2147483647 : i32\n"); // -0 is 0x80000000 in lane 3
        assertThat(lia("call", simd.toString(), "add", "i32x4 1 2 3", "i32x4 0 0 0 0")).isEqualTo(2);
        assertThat(err).contains("argument 1 (v128)").contains("i32x4 takes 4 lanes, got 3");
        assertThat(lia("call", simd.toString(), "add", "1", "i32x4 0 0 0 0")).isEqualTo(2);
        assertThat(err).contains("argument 1 (v128)").contains("it starts with a shape");
        noStackTrace();
    }

    @Test
    void callTrap() {
        assertThat(lia("call", arith.toString(), "div", "1", "0")).isEqualTo(1);
        assertThat(err).startsWith("trap: integer divide by zero\n  wasm: div @0x");
        assertThat(lia("call", arith.toString(), "div", "-2147483648", "-1")).isEqualTo(1);
        assertThat(err).startsWith("trap: integer overflow\n  wasm: div @0x");
    }

    @Test
    void callMalformedAndInvalid() throws IOException {
        Path bad = dir.resolve("bad.wasm");
        Files.write(bad, TestModules.malformed());
        assertThat(lia("call", bad.toString(), "f")).isEqualTo(2);
        assertThat(err).startsWith(bad + ": malformed: unknown binary version").contains(" at byte offset ");
        assertThat(err.lines().count()).isEqualTo(1);

        Path invalid = dir.resolve("invalid.wasm");
        Files.write(invalid, TestModules.invalid());
        assertThat(lia("call", invalid.toString(), "f")).isEqualTo(2);
        assertThat(err).startsWith(invalid + ": invalid: type mismatch");
        assertThat(err.lines().count()).isEqualTo(1);

        Path text = dir.resolve("text.wasm");
        Files.writeString(text, "(module)");
        assertThat(lia("call", text.toString(), "f")).isEqualTo(2);
        assertThat(err).startsWith(text + ": malformed: ");
        noStackTrace();
    }

    @Test
    void callUnlinkable() throws IOException {
        // a function import gets a stand-in (CallLinkingTest); a memory cannot
        Path env = dir.resolve("env.wat");
        Files.writeString(env, "(module (import \"env\" \"mem\" (memory 1)) (func (export \"f\")))");
        assertThat(lia("call", env.toString(), "f")).isEqualTo(2);
        assertThat(err).startsWith("unlinkable: unknown import");
    }

    @Test
    void callCanImportSpectest() throws IOException {
        Path printer = dir.resolve("printer.wasm");
        Files.write(printer, TestModules.printer());
        assertThat(lia("call", printer.toString(), "p", "42")).as(err).isZero();
        assertThat(out).isEqualTo("42 : i32\n");
    }

    @Test
    void callBadArguments() {
        assertThat(lia("call", arith.toString(), "add", "1")).isEqualTo(2);
        assertThat(err).isEqualTo("lia call: \"add\" takes 2 arguments (i32, i32), got 1\n");
        assertThat(lia("call", arith.toString(), "add", "1", "x")).isEqualTo(2);
        assertThat(err).isEqualTo("lia call: argument 2 (i32): \"x\" is not a valid i32\n");
        assertThat(lia("call", arith.toString(), "add", "1", "4294967296")).isEqualTo(2);
        assertThat(err).isEqualTo("lia call: argument 2 (i32): \"4294967296\" is out of range for i32\n");
        assertThat(lia("call", arith.toString(), "fneg", "1.5.2")).isEqualTo(2);
        assertThat(err).contains("not a valid f64");
        assertThat(lia("call", arith.toString(), "nosuch")).isEqualTo(2);
        assertThat(err).isEqualTo("lia call: no exported function \"nosuch\" in " + arith
                + " (exported functions: add, div, fneg, id64, two, nop)\n");
        assertThat(lia("call", arith.toString(), "mem")).isEqualTo(2);
        assertThat(err).isEqualTo("lia call: export \"mem\" is a memory, not a function\n");
        noStackTrace();
    }

    @Test
    void callMissingFile() {
        Path missing = dir.resolve("missing.wasm");
        assertThat(lia("call", missing.toString(), "f")).isEqualTo(2);
        assertThat(err).isEqualTo("lia call: " + missing + ": no such file\n");
        assertThat(lia("call", dir.toString(), "f")).isEqualTo(2);
        assertThat(err).isEqualTo("lia call: " + dir + " is a directory\n");
        noStackTrace();
    }

    @Test
    void wastReportsFailuresAndTotals() throws IOException {
        Files.write(dir.resolve("t.0.wasm"), TestModules.arith());
        Files.writeString(dir.resolve("t.1.wat"), "(func xyz)"); // text modules are parsed by the text format
        Path json = dir.resolve("t.json");
        Files.writeString(json, "{\"source_filename\": \"t.wast\", \"commands\": [\n"
                + "{\"type\": \"module\", \"line\": 1, \"filename\": \"t.0.wasm\"},\n"
                + "{\"type\": \"assert_return\", \"line\": 2, \"action\": {\"type\": \"invoke\", \"field\": \"add\", \"args\": ["
                + "{\"type\": \"i32\", \"value\": \"1\"}, {\"type\": \"i32\", \"value\": \"2\"}]}, \"expected\": [{\"type\": \"i32\", \"value\": \"3\"}]},\n"
                + "{\"type\": \"assert_return\", \"line\": 3, \"action\": {\"type\": \"invoke\", \"field\": \"add\", \"args\": ["
                + "{\"type\": \"i32\", \"value\": \"1\"}, {\"type\": \"i32\", \"value\": \"2\"}]}, \"expected\": [{\"type\": \"i32\", \"value\": \"5\"}]},\n"
                + "{\"type\": \"assert_malformed\", \"line\": 4, \"filename\": \"t.1.wat\", \"text\": \"unknown operator\", \"module_type\": \"text\"}]}");
        assertThat(lia("wast", json.toString())).isEqualTo(1);
        assertThat(out).isEqualTo("t.wast:3: assert_return (invoke \"add\" (i32.const 1) (i32.const 2)): "
                + "expected (i32.const 5), got (i32.const 3)\n3 passed, 1 failed, 0 skipped\n");

        assertThat(lia("wast", "-q", json.toString())).isEqualTo(1);
        assertThat(out).isEqualTo("3 passed, 1 failed, 0 skipped\n");
    }

    @Test
    void wastOnTheSuite() {
        Path i32 = SuiteLocation.json().resolve("i32");
        assertThat(lia("wast", i32.resolve("i32.json").toString())).as(out).isZero();
        assertThat(out).matches("\\d+ passed, 0 failed, \\d+ skipped\n");

        // a directory runs every script in it, with a line per script
        assertThat(lia("wast", SuiteLocation.json().resolve("nop").toString(), i32.toString())).as(out).isZero();
        assertThat(out).containsPattern("(?m)^nop\\.json: \\d+ passed, 0 failed, \\d+ skipped$")
                .containsPattern("(?m)^i32\\.json: \\d+ passed, 0 failed, \\d+ skipped$")
                .containsPattern("\\d+ passed, 0 failed, \\d+ skipped\n$");
    }

    @Test
    void wastBadInput() throws IOException {
        assertThat(lia("wast", dir.resolve("none.json").toString())).isEqualTo(2);
        assertThat(err).isEqualTo("lia wast: " + dir.resolve("none.json") + ": no such file or directory\n");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(lia("wast", empty.toString())).isEqualTo(2);
        assertThat(err).isEqualTo("lia wast: no .json files in " + empty + "\n");
        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "not json");
        assertThat(lia("wast", garbage.toString())).isEqualTo(1);
        assertThat(out).startsWith("garbage.json: not valid JSON").endsWith("0 passed, 1 failed, 0 skipped\n");
        noStackTrace();
    }
}
