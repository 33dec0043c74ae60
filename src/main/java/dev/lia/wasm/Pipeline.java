package dev.lia.wasm;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.valid.Validator;

/**
 * The steps from bytes to a runnable module, the entry for embedders, the spec runner and the CLI:
 * decode ({@link MalformedException}), validate ({@link InvalidException}), compile
 * ({@link UnsupportedFeatureException}).
 */
public final class Pipeline {
    private Pipeline() {}

    /** Decodes the binary format. */
    public static Module decode(byte[] bytes) {
        return ModuleDecoder.decode(bytes);
    }

    /** Validates a decoded module. */
    public static void validate(Module module) {
        Validator.validate(module);
    }

    /** Decodes, validates and compiles. */
    public static CompiledModule load(byte[] bytes) {
        return load(bytes, Limits.DEFAULT);
    }

    /**
     * Parses a module in the text format and loads it as its binary would be: encoded, decoded,
     * validated and compiled, so its instructions have byte offsets (which saved states, debuggers
     * and backtraces use). {@code name} is the file name in parse errors.
     *
     * @throws dev.lia.wasm.text.TextFormatException for a text that does not parse
     */
    public static CompiledModule loadText(byte[] text, String name) {
        return load(dev.lia.wasm.binary.ModuleEncoder.encode(dev.lia.wasm.text.TextFormat.parseModule(text, name)));
    }

    /** Decodes within the module-shape {@code limits} ({@link dev.lia.wasm.LimitException}), validates and compiles. */
    public static CompiledModule load(byte[] bytes, Limits limits) {
        Module m = ModuleDecoder.decode(bytes, limits.decoding());
        validate(m);
        return ModuleCompiler.compile(m);
    }
}
