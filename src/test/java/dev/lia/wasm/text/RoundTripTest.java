package dev.lia.wasm.text;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.Module;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Text to binary to text to binary gives the same bytes, for every well-formed text module of the suite. */
class RoundTripTest {

    @TestFactory
    Stream<DynamicTest> suiteModulesRoundTrip() {
        return Suite.nonSimdWast().stream().map(p -> DynamicTest.dynamicTest(Suite.name(p), () -> check(p)));
    }

    static void check(Path wast) throws Exception {
        List<String> problems = new ArrayList<>();
        for (ScriptCommand c : WastParser.parse(wast.getFileName().toString(), Files.readAllBytes(wast))) {
            WastModule m = c instanceof ScriptCommand.DefineModule d ? d.module()
                    : c instanceof ScriptCommand.AssertModule a && a.failure() != ScriptCommand.Failure.MALFORMED ? a.module() : null;
            if (m == null || m.form() == WastModule.Form.BINARY) continue;
            byte[] first = ModuleEncoder.encode(m.module());
            String text = WatPrinter.print(ModuleDecoder.decode(first));
            byte[] second;
            try {
                second = ModuleEncoder.encode(TextFormat.parseModule(text));
            } catch (TextFormatException e) {
                problems.add("line " + c.line() + ": printed text does not parse: " + e.located() + "\n" + text);
                continue;
            }
            if (!Arrays.equals(first, second)) problems.add("line " + c.line() + ": bytes differ\n" + text);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void printsNamesAndPlainInstructions() {
        Module m = TextFormat.parseModule("""
                (module $m
                  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
                    (local $t i32)
                    (local.set $t (i32.add (local.get $a) (local.get $b)))
                    (if (local.get $t) (then (nop)) (else (drop (f32.const -1.5))))
                    (local.get $t)))
                """);
        String text = WatPrinter.print(ModuleDecoder.decode(ModuleEncoder.encode(m)));
        assertThat(text).isEqualTo("""
                (module $m
                  (type (;0;) (func (param i32 i32) (result i32)))
                  (func $add (;0;) (type 0) (param $a i32) (param $b i32) (result i32)
                    (local $t i32)
                    local.get $a
                    local.get $b
                    i32.add
                    local.set $t
                    local.get $t
                    if
                      nop
                    else
                      f32.const -0x1.8p+0
                      drop
                    end
                    local.get $t)
                  (export "add" (func $add)))
                """);
    }
}
