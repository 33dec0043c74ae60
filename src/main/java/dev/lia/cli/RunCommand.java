package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.script.value.ValueText;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.debug.SourceMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lia run SCRIPT.lia --module M.wasm [--arg NAME=VALUE]... [--json]}. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Compiles a Lia script against a module, instantiates the module and runs the script.",
                "Inputs (import T name) are given with --arg name=VALUE, read by their type: integers in decimal or 0x hex, "
                        + "floats as 1.5, 1e-3, 0x1p-2, inf, nan, nan:0xPAYLOAD; octs as \"text\" (with escapes), hex:00ff or @path.",
                "Done prints each returned value as VALUE : TYPE; blocked prints blocked: NAME(ARGS); a trap prints trap: MESSAGE "
                        + "with the script position and the wasm backtrace; a failure prints failed: MESSAGE.",
                "--json prints one JSON object instead. Compile errors are all printed, each as file:line:col: message."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  trapped", "  2  failed, or a compile error, or bad input (usage, files, module, arguments)",
                "  3  blocked on a request"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.lia", description = "the script")
    Path script;

    @Option(names = "--module", required = true, paramLabel = "M.wasm", description = "the module: binary (.wasm) or text (.wat) format")
    Path module;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "a script input; repeat for each")
    List<String> args = new ArrayList<>();

    @Option(names = "--json", description = "print the outcome as one JSON object")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Source source = ScriptFiles.script("lia run", script);
        CompiledModule compiled = ScriptFiles.module("lia run", module);
        Program program;
        try {
            program = Lia.compile(source, compiled);
        } catch (CompileException e) {
            if (json) out.println(OutcomePrinter.json(e));
            else spec.commandLine().getErr().println(e.format());
            return OutcomePrinter.FAILED;
        }
        Map<String, Value> inputs = inputs(program);
        Outcome o = new Vm(program, compiled, inputs).run();
        SourceMap sources = o instanceof Outcome.Trapped ? SourceMap.of(compiled.module()) : null;
        String text = json ? OutcomePrinter.json(o, sources) : OutcomePrinter.text(o, sources);
        if (!text.isEmpty()) out.println(text);
        return OutcomePrinter.exitCode(o);
    }

    private Map<String, Value> inputs(Program program) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new CliException(Main.BAD_INPUT, "lia run: --arg takes NAME=VALUE, got '" + a + "'");
            String name = a.substring(0, eq);
            String text = a.substring(eq + 1);
            Program.Input in = program.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
            if (in == null) {
                throw new CliException(Main.BAD_INPUT, "lia run: the script has no input '" + name + "'; its inputs are: "
                        + (program.inputs().isEmpty() ? "none" : String.join(", ", program.inputs().stream().map(Program.Input::name).toList())));
            }
            if (values.containsKey(name)) throw new CliException(Main.BAD_INPUT, "lia run: input '" + name + "' is given twice");
            try {
                values.put(name, in.type() == Type.OCTS && text.startsWith("@")
                        ? Value.octsOwned(ScriptFiles.bytes("lia run", Path.of(text.substring(1))))
                        : ValueText.parse(text, in.type()));
            } catch (IllegalArgumentException e) {
                throw new CliException(Main.BAD_INPUT, "lia run: input '" + name + "': " + e.getMessage());
            }
        }
        for (Program.Input in : program.inputs()) {
            if (!values.containsKey(in.name())) {
                throw new CliException(Main.BAD_INPUT, "lia run: missing input '" + in.name() + "' (" + in.type() + "): give --arg "
                        + in.name() + "=VALUE");
            }
        }
        return values;
    }
}
