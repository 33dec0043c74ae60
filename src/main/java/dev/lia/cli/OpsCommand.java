package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.check.ModuleInfo;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lia ops SCRIPT.lia [--module M.wasm]}: prints the compiled operations. */
@Command(name = "ops",
        mixinStandardHelpOptions = true,
        description = {"Compiles a Lia script and prints its operations, one per line: index, operation, source line:col.",
                "The first line gives the script's id, the SHA-256 of its canonical encoding.",
                "Without --module the script is checked against a module with nothing in it, which serves scripts "
                        + "that call no export and touch no memory or global."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  printed", "  2  compile errors, or bad input (usage, files, module)"})
final class OpsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.lia", description = "the script")
    Path script;

    @Option(names = "--module", paramLabel = "M.wasm", description = "the module the script is for")
    Path module;

    @Override
    public Integer call() {
        Source source = ScriptFiles.script("lia ops", script);
        ModuleInfo info = module == null ? ModuleInfo.empty() : ModuleInfo.of(ScriptFiles.module("lia ops", module).module());
        try {
            spec.commandLine().getOut().print(Lia.compile(source, info).listing());
            return Main.OK;
        } catch (CompileException e) {
            spec.commandLine().getErr().println(e.format());
            if (module == null) spec.commandLine().getErr().println(ScriptFiles.NO_MODULE);
            return Main.BAD_INPUT;
        }
    }
}
