package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.debug.Backtraces;
import dev.lia.wasm.debug.DebugAbort;
import dev.lia.wasm.debug.DebugInfo;
import dev.lia.wasm.debug.Debugger;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasi.WasiConfig;
import dev.lia.wasi.WasiExit;
import dev.lia.wasi.WasiPreview1;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.spec.Spectest;
import dev.lia.wasm.spec.ValueText;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lia debug MODULE | SCRIPT.lia --module M}: an interactive debugger reading commands from stdin. */
@Command(name = "debug",
        mixinStandardHelpOptions = true,
        description = {"Debugs a module (binary or text format) or a Lia script running against one, reading commands from "
                + "standard input: breakpoints by function, byte offset or source line (DWARF), stepping, backtraces, "
                + "locals, operand stack, memory, disassembly with byte offsets and source listings. 'help' lists the commands.",
                "A module's exports are called with 'run EXPORT ARGS...'; a WASI command (one that imports "
                        + "wasi_snapshot_preview1 and exports _start) runs with 'run', with the ARGs given after the module; "
                        + "a script runs with 'run'. A module alone gets WASI and the 'spectest' host module; its other function "
                        + "imports trap when called (a script can answer them).",
                "When standard input is not a terminal, each command is echoed after the prompt, so a run reads as a transcript."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the debugger was left", "  2  bad input: unreadable files, malformed/invalid/unlinkable module, script compile errors"})
final class DebugCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODULE|SCRIPT.lia", description = "a module (.wasm or .wat), or a script (.lia) with --module")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "for a WASI command: its arguments")
    List<String> programArgs = new ArrayList<>();

    @Option(names = "--module", paramLabel = "M.wasm", description = "the module a script runs against")
    Path module;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "a script input; repeat for each")
    List<String> args = new ArrayList<>();

    @Option(names = "--source-dir", paramLabel = "DIR", description = "where to look for source files (repeatable); the module's directory is searched too")
    List<Path> sourceDirs = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        boolean script = file.toString().endsWith(".lia");
        if (script && module == null) throw new CliException(Main.BAD_INPUT, "lia debug: a script needs --module M.wasm");
        if (!script && module != null) throw new CliException(Main.BAD_INPUT, "lia debug: --module goes with a script (.lia)");
        if (script && !programArgs.isEmpty()) throw new CliException(Main.BAD_INPUT, "lia debug: a script's inputs are given with --arg NAME=VALUE");
        Path modulePath = script ? module : file;
        byte[] bytes = ModuleFiles.read(modulePath, "lia debug");
        Module m = ModuleFiles.decode(modulePath, bytes);
        ModuleFiles.validate(modulePath, m);
        CompiledModule code;
        try {
            code = Debugger.compile(m);
        } catch (UnsupportedFeatureException e) {
            throw new CliException(Main.BAD_INPUT, "lia debug: " + modulePath + ": unsupported: " + e.getMessage() + ModuleFiles.at(e.offset()));
        }
        DebugInfo info = ModuleFiles.isBinary(bytes) ? DebugInfo.of(m, bytes) : DebugInfo.of(m);
        List<Path> dirs = new ArrayList<>(sourceDirs);
        Path moduleDir = modulePath.toAbsolutePath().getParent();
        if (moduleDir != null) dirs.add(moduleDir);

        DebugConsole.Program p;
        Machine machine;
        if (script) {
            ScriptProgram sp = scriptProgram(code, out);
            if (sp == null) return Main.BAD_INPUT;
            p = sp;
            machine = sp.vm.machine();
        } else {
            ModuleProgram mp = moduleProgram(code, out);
            p = mp;
            machine = mp.machine;
        }
        Debugger debugger = Debugger.attach(machine, info);
        if (System.console() != null) {
            terminal(out, debugger, p, dirs);
        } else { // piped: each command is echoed after the prompt, so the output reads as a transcript
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            new DebugConsole(DebugConsole.piped(in, out, true), out, debugger, p, dirs).loop();
        }
        return Main.OK;
    }

    /** On a terminal: line editing, history and tab completion of commands and function names (JLine). */
    private static void terminal(PrintWriter out, Debugger debugger, DebugConsole.Program p, List<Path> dirs) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            List<String> words = new ArrayList<>();
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("lia")
                    .completer((r, line, candidates) -> words.forEach(w -> candidates.add(new Candidate(w))))
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".lia_debug_history"))
                    .build();
            DebugConsole.Input input = prompt -> {
                while (true) {
                    try {
                        return reader.readLine(prompt);
                    } catch (UserInterruptException e) {
                        // Ctrl-C drops the line
                    } catch (EndOfFileException e) {
                        return null;
                    }
                }
            };
            DebugConsole console = new DebugConsole(input, out, debugger, p, dirs);
            words.addAll(console.completions());
            out.println("lia debug: 'help' lists the commands; Ctrl-D ends.");
            console.loop();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- a module: run EXPORT ARGS...

    private ModuleProgram moduleProgram(CompiledModule code, PrintWriter out) {
        Store store = new Store();
        Machine machine = new Machine(store);
        boolean spectest = code.module().imports().stream().map(Import::module).anyMatch(Spectest.NAME::equals);
        Map<String, Extern> host = spectest ? Spectest.create(store, line -> {
            out.println(line);
            out.flush();
        }) : Map.of();
        // a WASI command gets WASI (its arguments from the command line, no standard input: that is the debugger's)
        boolean usesWasi = code.module().imports().stream().map(Import::module).anyMatch(WasiPreview1.MODULE::equals);
        WasiPreview1 wasi = null;
        ImportResolver wasiImports = ImportResolver.NONE;
        if (usesWasi && WasiPreview1.refusal(code.module()) != null) {
            throw new CliException(Main.BAD_INPUT, "lia debug: " + file + ": " + WasiPreview1.refusal(code.module()));
        }
        if (usesWasi) {
            List<String> argv = new ArrayList<>();
            argv.add(file.getFileName() != null ? file.getFileName().toString() : file.toString());
            argv.addAll(programArgs);
            OutputStream sink = new WriterOutputStream(out);
            wasi = new WasiPreview1(WasiConfig.builder().args(argv).stdin(new byte[0]).stdout(sink).stderr(sink).build());
            wasiImports = wasi.imports(store, code.module());
        } else if (!programArgs.isEmpty()) {
            throw new CliException(Main.BAD_INPUT, "lia debug: arguments after the module are for a WASI command, and "
                    + file + " does not import " + WasiPreview1.MODULE);
        }
        // other function imports link to stand-ins that trap when called, so the rest of the module can be debugged
        Map<String, Extern> missing = StandIns.of(store, code.module(), java.util.Set.of(Spectest.NAME, WasiPreview1.MODULE),
                "lia debug cannot answer it (run the module from a script to provide it)");
        Instance instance;
        try {
            ImportResolver fromWasi = wasiImports;
            instance = machine.instantiate(code, (mod, name) -> Spectest.NAME.equals(mod) ? host.get(name)
                    : WasiPreview1.MODULE.equals(mod) ? fromWasi.resolve(mod, name) : missing.get(mod + "." + name));
        } catch (LinkException e) {
            throw new CliException(Main.BAD_INPUT, "unlinkable: " + e.getMessage());
        } catch (Trap e) {
            throw new CliException(Main.FAILED, Backtraces.format(e, null));
        }
        return new ModuleProgram(machine, instance, store, wasi);
    }

    /**
     * The words of a command line, with a v128 argument written as lia call takes it ({@code i32x4 1 2 3 4})
     * joined back into one: the console splits a line at spaces, and a shape names how many lanes follow.
     */
    static List<String> v128Words(List<String> words, List<ValType> params) {
        List<String> args = new java.util.ArrayList<>();
        int w = 0;
        for (int i = 0; w < words.size(); i++) {
            int lanes = i < params.size() && params.get(i) == ValType.V128 ? Math.max(0, dev.lia.wasm.text.V128Text.lanes(words.get(w))) : 0;
            int end = Math.min(words.size(), w + 1 + lanes);
            args.add(String.join(" ", words.subList(w, end)));
            w = end;
        }
        return args;
    }

    /** Bytes a program writes, as text on {@code out} (flushed at each line end and when the program flushes). */
    private record ModuleProgram(Machine machine, Instance instance, Store store, WasiPreview1 wasi) implements DebugConsole.Program {
        @Override
        public void run(DebugConsole console, List<String> words) {
            if (words.isEmpty() && wasi != null && instance.exportedFunction("_start") != null) {
                runCommand(console);
                return;
            }
            if (words.isEmpty()) throw new IllegalArgumentException("usage: " + usage());
            String name = words.get(0);
            FunctionInstance f = instance.exportedFunction(name);
            if (f == null) {
                throw new IllegalArgumentException("no exported function " + name + " (exported functions: " + String.join(", ",
                        instance.exports().entrySet().stream().filter(e -> e.getValue() instanceof FunctionInstance).map(Map.Entry::getKey).toList()) + ")");
            }
            FuncType type = f.type();
            List<String> args = v128Words(words.subList(1, words.size()), type.params());
            if (args.size() != type.params().size()) {
                throw new IllegalArgumentException(name + " takes " + type.params().size() + " argument" + (type.params().size() == 1 ? "" : "s")
                        + ", got " + args.size());
            }
            long[] raw = new long[type.paramSlots()];
            int slot = 0;
            for (int i = 0; i < args.size(); i++) {
                ValType p = type.params().get(i);
                if (p == ValType.V128) System.arraycopy(ValueText.parseV128(args.get(i)), 0, raw, slot, 2);
                else raw[slot] = ValueText.parse(args.get(i), p);
                slot += p.slots();
            }
            PrintWriter out = console.out();
            try {
                long[] results = machine.invoke(f, raw);
                out.println(name + " returned" + (results.length == 0 ? " nothing" : ""));
                int at = 0;
                for (ValType t : type.results()) {
                    String text = t == ValType.V128 ? ValueText.formatV128(results[at], results[at + 1]) : ValueText.format(results[at], t, store);
                    out.println(text + " : " + t);
                    at += t.slots();
                }
            } catch (Trap t) {
                out.println(Backtraces.format(t, console.debugger().info().sources()));
            } catch (DebugAbort a) {
                out.println("Killed " + name);
            } catch (WasiExit e) {
                out.println(name + " called " + e.getMessage());
            } finally {
                if (wasi != null) wasi.flush();
            }
        }

        /** A WASI command: _start, to its exit code. */
        private void runCommand(DebugConsole console) {
            PrintWriter out = console.out();
            try {
                int code = wasi.runCommand(machine, instance);
                out.println("The program exited with code " + code);
            } catch (Trap t) {
                wasi.flush();
                out.println(Backtraces.format(t, console.debugger().info().sources()));
            } catch (DebugAbort a) {
                wasi.flush();
                out.println("Killed the program");
            }
        }

        @Override
        public String usage() {
            return wasi != null && instance.exportedFunction("_start") != null ? "run (the WASI command), or run EXPORT ARGS..." : "run EXPORT ARGS...";
        }
    }

    // ---------------------------------------------------------------- a script: run

    private ScriptProgram scriptProgram(CompiledModule code, PrintWriter out) {
        Source source = ScriptFiles.script("lia debug", file);
        Program program;
        try {
            program = Lia.compile(source, code);
        } catch (CompileException e) {
            spec.commandLine().getErr().println(e.format());
            return null;
        }
        return new ScriptProgram(new Vm(program, code, inputs(program)));
    }

    private record ScriptProgram(Vm vm) implements DebugConsole.Program {
        @Override
        public void run(DebugConsole console, List<String> words) {
            if (!words.isEmpty()) throw new IllegalArgumentException("a script takes no arguments to run (inputs are given with --arg)");
            if (vm.outcome() != null || vm.instance() != null) throw new IllegalArgumentException("the script has already run");
            show(console, vm.run());
        }

        @Override
        public String usage() {
            return "run";
        }

        @Override
        public void answer(DebugConsole console, String values) {
            Outcome.Blocked request = vm.pendingRequest();
            if (request == null) throw new IllegalArgumentException("the script is not blocked on a request");
            List<Value> answer;
            try {
                answer = Answers.parse("answer", "value", request, Answers.words(values));
                vm.resolve(answer);
            } catch (CliException e) {
                throw new IllegalArgumentException(e.getMessage().substring("answer: ".length()));
            }
            show(console, vm.outcome());
        }

        private void show(DebugConsole console, Outcome o) {
            PrintWriter out = console.out();
            if (o instanceof Outcome.Failed f && f.message().contains(new DebugAbort().getMessage())) {
                out.println("Killed the script");
                return;
            }
            String text = OutcomePrinter.text(o, console.debugger().info().sources());
            out.println(text.isEmpty() ? "done" : text);
        }
    }

    private Map<String, Value> inputs(Program program) {
        Map<String, Value> values = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) throw new CliException(Main.BAD_INPUT, "lia debug: --arg takes NAME=VALUE, got '" + a + "'");
            String name = a.substring(0, eq);
            Program.Input in = program.inputs().stream().filter(i -> i.name().equals(name)).findFirst()
                    .orElseThrow(() -> new CliException(Main.BAD_INPUT, "lia debug: the script has no input '" + name + "'"));
            try {
                values.put(name, dev.lia.script.value.ValueText.parse(a.substring(eq + 1), in.type()));
            } catch (IllegalArgumentException e) {
                throw new CliException(Main.BAD_INPUT, "lia debug: input '" + name + "': " + e.getMessage());
            }
        }
        for (Program.Input in : program.inputs()) {
            if (!values.containsKey(in.name())) {
                throw new CliException(Main.BAD_INPUT, "lia debug: missing input '" + in.name() + "' (" + in.type() + "): give --arg " + in.name() + "=VALUE");
            }
        }
        return values;
    }
}
