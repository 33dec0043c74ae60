package dev.lia.script;

import dev.lia.script.check.Checker;
import dev.lia.script.check.ModuleInfo;
import dev.lia.script.compile.Compiler;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.ScriptParser;
import dev.lia.script.syntax.Source;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.valid.Validator;

/** The Lia pipeline in one call: parse, check against a module, compile to operations. */
public final class Lia {
    private Lia() {}

    /**
     * @throws CompileException with every error found (parsing stops at the first syntax error)
     */
    public static Program compile(Source source, ModuleInfo module) {
        return Compiler.compile(Checker.check(ScriptParser.parse(source), module));
    }

    /** Decodes, validates and compiles a binary module (throws the engine's malformed/invalid/unsupported errors). */
    public static CompiledModule loadModule(byte[] bytes) {
        Module m = ModuleDecoder.decode(bytes);
        Validator.validate(m);
        return ModuleCompiler.compile(m);
    }

    /** Compiles a script against a compiled module. */
    public static Program compile(Source source, CompiledModule module) {
        return compile(source, ModuleInfo.of(module.module()));
    }
}
