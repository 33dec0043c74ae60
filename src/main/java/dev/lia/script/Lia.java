package dev.lia.script;

import dev.lia.script.check.Checker;
import dev.lia.script.check.ModuleInfo;
import dev.lia.script.compile.Compiler;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.ScriptParser;
import dev.lia.script.syntax.Source;

/** The Lia pipeline in one call: parse, check against a module, compile to operations. */
public final class Lia {
    private Lia() {}

    /**
     * @throws CompileException with every error found (parsing stops at the first syntax error)
     */
    public static Program compile(Source source, ModuleInfo module) {
        return Compiler.compile(Checker.check(ScriptParser.parse(source), module));
    }
}
