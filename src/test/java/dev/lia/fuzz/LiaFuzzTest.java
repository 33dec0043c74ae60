package dev.lia.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lia.script.Lia;
import dev.lia.script.check.ModuleInfo;
import dev.lia.script.syntax.Source;
import dev.lia.wasm.binary.ModuleDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for the Lia language: parser, checker and compiler. The first byte of an input picks
 * the module the script is checked against (none, or one of the examples'); the rest is the script.
 */
class LiaFuzzTest {
    private static final List<ModuleInfo> MODULES = modules();

    @FuzzTest(maxDuration = "2m")
    void compile(byte[] input) {
        if (input.length == 0) return;
        ModuleInfo module = MODULES.get((input[0] & 0xFF) % MODULES.size());
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Expected.rejectionOnly(() -> Lia.compile(new Source("fuzz.lia", text), module));
    }

    /** Index 0: no module; then the examples' modules in a fixed order (the seeds' first bytes name them). */
    static List<ModuleInfo> modules() {
        List<ModuleInfo> out = new ArrayList<>();
        out.add(ModuleInfo.empty());
        for (String f : new String[] {"demo/demo.wasm", "handlers/handlers.wasm", "loops/math.wasm", "reverse/reverse.wasm"}) {
            try {
                out.add(ModuleInfo.of(ModuleDecoder.decode(Files.readAllBytes(Path.of("examples", f)))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
