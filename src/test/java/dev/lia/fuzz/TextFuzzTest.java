package dev.lia.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.text.TextFormat;
import dev.lia.wasm.text.WastParser;
import dev.lia.wasm.valid.Validator;

/**
 * Fuzz targets for the WebAssembly text format: a {@code .wat} module through the parser, the
 * encoder, the decoder and the validator; and a {@code .wast} script through the script parser.
 */
class TextFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void parseModule(byte[] utf8) {
        Expected.rejectionOnly(() -> {
            Module m = TextFormat.parseModule(utf8, "fuzz.wat");
            Module decoded = ModuleDecoder.decode(ModuleEncoder.encode(m), WasmFuzzTest.LIMITS.decoding());
            Validator.validate(decoded);
        });
    }

    @FuzzTest(maxDuration = "2m")
    void parseScript(byte[] utf8) {
        Expected.rejectionOnly(() -> WastParser.parse("fuzz.wast", utf8));
    }
}
