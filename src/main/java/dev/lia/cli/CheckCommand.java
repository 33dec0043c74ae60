package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import dev.lia.wasm.compile.CompiledModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lia check SCRIPT.lia [--module M.wasm]}: reports every compile error without running anything. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Parses a Lia script and checks it against a module (names, types, arity, exports, imports) without running it.",
                "Prints every error as file:line:col: message with the offending line, or 'ok' and the script's id."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the script compiles", "  2  compile errors, or bad input (usage, files, module)"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.lia", description = "the script")
    Path script;

    @Option(names = "--module", paramLabel = "M.wasm", description = "the module: binary (.wasm) or text (.wat) format (without it: an empty module)")
    Path module;

    @Override
    public Integer call() {
        Source source = ScriptFiles.script("lia check", script);
        CompiledModule compiled = ScriptFiles.moduleOrEmpty("lia check", module);
        try {
            Program p = Lia.compile(source, compiled);
            spec.commandLine().getOut().println("ok: " + script + " (" + p.ops().size() + " operations, id " + p.id() + ")");
            return Main.OK;
        } catch (CompileException e) {
            spec.commandLine().getErr().println(e.format());
            if (module == null) spec.commandLine().getErr().println(ScriptFiles.NO_MODULE);
            return Main.BAD_INPUT;
        }
    }
}
