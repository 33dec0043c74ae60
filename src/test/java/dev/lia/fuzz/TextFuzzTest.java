package dev.lia.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.text.TextFormat;
import dev.lia.wasm.text.WastParser;
import dev.lia.wasm.valid.Validator;

/**
 * Fuzz target for the WebAssembly text format. The first byte of an input says what the rest is: even,
 * a {@code .wat} module, which goes through the parser, the encoder, the decoder and the validator;
 * odd, a {@code .wast} script, which goes through the script parser (whose modules use the same
 * parser). The seeds are the spec suite's modules prefixed with {@code 0} and scripts with {@code 1}.
 */
class TextFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        if (input.length == 0) return;
        byte[] utf8 = java.util.Arrays.copyOfRange(input, 1, input.length);
        if ((input[0] & 1) == 0) {
            Expected.rejectionOnly(() -> {
                Module m = TextFormat.parseModule(utf8, "fuzz.wat");
                Module decoded = ModuleDecoder.decode(ModuleEncoder.encode(m), WasmFuzzTest.LIMITS.decoding());
                Validator.validate(decoded);
            });
        } else {
            Expected.rejectionOnly(() -> WastParser.parse("fuzz.wast", utf8));
        }
    }
}
