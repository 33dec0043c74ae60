package dev.lia.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Exception handling at the command line: results of caught exceptions, and an uncaught one as a failure without a Java trace. */
class ExceptionCliTest {
    @Test
    void lia_call_reportsAnUncaughtExceptionAndRunsCaughtOnes(@TempDir Path dir) throws Exception {
        Path wat = dir.resolve("exn.wat");
        Files.writeString(wat, """
                (module
                  (tag $e (param i32))
                  (func (export "caught") (param i32) (result i32)
                    (block $h (result i32) (try_table (catch $e $h) (throw $e (local.get 0))) (unreachable))
                    (i32.const 1) (i32.add))
                  (func (export "uncaught") (throw $e (i32.const 7))))
                """);
        LiaCli.Result ok = LiaCli.run("call", wat.toString(), "caught", "41");
        assertThat(ok.exit()).as(ok.transcript()).isZero();
        assertThat(ok.out()).isEqualTo("42 : i32\n");
        LiaCli.Result r = LiaCli.run("call", wat.toString(), "uncaught");
        assertThat(r.exit()).as(r.transcript()).isEqualTo(1);
        // the tag has no export name, so its index names it; the payload by type; the throw's site
        assertThat(r.err()).contains("uncaught exception of tag 0 with payload [7 : i32]")
                .contains("wasm: thrown at ").doesNotContain("at dev.lia");
        for (String tier : new String[] {"interp", "compiled"}) {
            LiaCli.Result json = LiaCli.run("call", wat.toString(), "uncaught", "--json", "--tier", tier);
            assertThat(json.out()).as(tier).contains("\"message\":\"uncaught exception of tag 0 with payload [7 : i32]\"")
                    .contains("\"backtrace\":[{\"function\":");
        }
        Path named = dir.resolve("named.wat");
        Files.writeString(named, """
                (module
                  (tag $oops (export "oops") (param i32 f64))
                  (func $inner (throw $oops (i32.const -3) (f64.const 2.5)))
                  (func (export "go") (call $inner)))
                """);
        LiaCli.Result n = LiaCli.run("call", named.toString(), "go");
        assertThat(n.err()).contains("uncaught exception of tag \"oops\" with payload [-3 : i32, 2.5 : f64]")
                .contains("wasm: thrown at inner @0x");
        LiaCli.Result wast = LiaCli.run("wast", "--help");
        assertThat(wast.exit()).isZero();
    }
}
