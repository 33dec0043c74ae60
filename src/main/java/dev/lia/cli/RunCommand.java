package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Source;
import dev.lia.script.value.Value;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasi.session.WasiComponent;
import dev.lia.state.LoadedModule;
import dev.lia.state.Session;
import dev.lia.state.SessionFile;
import dev.lia.state.SessionRunner;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code lia run SCRIPT.lia --module M.wasm [--arg NAME=VALUE]... [--fuel N] [--json]}, and in a
 * session: {@code lia run SCRIPT.lia [--module M.wasm] --session FILE [--keep] [--replay]}.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {"Compiles a Lia script against a module, instantiates the module and runs the script.",
                "Inputs (import T name) are given with --arg name=VALUE, read by their type: integers in decimal or 0x hex, "
                        + "floats as 1.5, 1e-3, 0x1p-2, inf, nan, nan:0xPAYLOAD; octs as \"text\" (with escapes), hex:00ff or @path.",
                "Done prints each returned value as VALUE : TYPE; blocked prints blocked: NAME(ARGS); a trap prints trap: MESSAGE "
                        + "with the script position and the wasm backtrace; a failure prints failed: MESSAGE.",
                "--json prints one JSON object instead. Compile errors are all printed, each as file:line:col: message.",
                "--fuel N gives the run a budget: wasm instructions as the engine counts them, plus 1 per Lia operation; "
                        + "running out stops the run (out-of-fuel), which lia resume continues in a session.",
                "--session FILE runs the script in a session kept in FILE: a new one (--module needed) or, when FILE exists, "
                        + "after the scripts run in it so far, against the same instance. FILE is (re)written atomically "
                        + "after every run, a finished one (done, trapped, failed) too, so that no step is applied twice.",
                "--wasi gives the module deterministic WASI preview1 (virtual clock, seeded random source, no files); "
                        + "a read of its stdin with nothing buffered blocks the script with the request wasi.stdin, "
                        + "answered with octs (empty octs end the input). In a session its settings are fixed when it starts."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  trapped", "  2  failed, or a compile error, or bad input (usage, files, module, arguments, session file)",
                "  3  blocked on a request", "  4  out of fuel", "  5  the session changed since it was read: nothing was written",
                "  6  the program exited (WASI proc_exit) with a code other than 0 (exited with 0 is 0)", "  70 internal error"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.lia", description = "the script")
    Path script;

    @Option(names = "--module", paramLabel = "M.wasm", description = "the module: binary (.wasm) or text (.wat) format (without it: an empty module; "
            + "in a session: only to start one, or to check it)")
    Path module;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "a script input; repeat for each")
    List<String> args = new ArrayList<>();

    @Option(names = "--json", description = "print the outcome as one JSON object")
    boolean json;

    @Option(names = "--fuel", paramLabel = "N", description = "a fuel budget for this run (default: unlimited)")
    Long fuel;

    @Option(names = "--session", paramLabel = "FILE", description = "run in the session kept in FILE, or NAME in the --store (made when it does not exist)")
    Path session;

    @picocli.CommandLine.Mixin
    StoreOption store = new StoreOption();

    @picocli.CommandLine.Mixin
    RetentionOption retention = new RetentionOption();

    @Option(names = "--keep", description = "accepted for compatibility: every step is written to FILE, a finished one too")
    boolean keep;

    @Option(names = "--replay", description = "with --session: ignore the state saved in FILE and replay the session's log")
    boolean replay;

    @picocli.CommandLine.Mixin
    WasiOptions wasiOptions = new WasiOptions();


    @picocli.CommandLine.Mixin
    TierOption tierOption = new TierOption();
    @Override
    public Integer call() {
        long budget = SessionFiles.fuel("lia run", fuel);
        if (session != null) {
            retention.retention("lia run"); // checked before anything runs
            StoreOption.Place place = store.place("lia run", store.spec() == null ? session : null, store.spec() == null ? null : session.toString());
            try (dev.lia.state.SessionStore ignored = place.store()) {
                return inSession(budget, place);
            }
        }
        if (keep || replay) throw new CliException(Main.BAD_INPUT, "lia run: --keep and --replay go with --session");
        if (store.store != null || retention.retention != null) throw new CliException(Main.BAD_INPUT, "lia run: --store and --retention go with --session");
        PrintWriter out = spec.commandLine().getOut();
        Source source = ScriptFiles.script("lia run", script);
        CompiledModule compiled = ScriptFiles.moduleOrEmpty("lia run", module);
        Program program = compile(source, compiled);
        if (program == null) {
            if (module == null && !json) spec.commandLine().getErr().println(ScriptFiles.NO_MODULE);
            return OutcomePrinter.FAILED;
        }
        Map<String, Value> inputs = ScriptFiles.inputs("lia run", args, program);
        ProgramOutput output = ProgramOutput.of(out, spec.commandLine().getErr(), json && wasiOptions.given());
        refuseWasi(compiled.module());
        Map<String, dev.lia.wasm.runtime.HostFunction> hosts = wasiOptions.hosts("lia run", module, output);
        Vm vm = new Vm(program, compiled, inputs, hosts, dev.lia.wasm.runtime.Limits.DEFAULT);
        vm.setFuel(budget);
        Outcome o = vm.run();
        SourceMap sources = o instanceof Outcome.Trapped ? SourceMap.of(compiled.module()) : null;
        String text = json ? output.addTo(OutcomePrinter.json(o, sources)) : OutcomePrinter.text(o, sources);
        if (!text.isEmpty()) out.println(text);
        if (hosts.isEmpty() && o instanceof Outcome.Blocked b && b.name().startsWith(dev.lia.wasi.WasiPreview1.MODULE + ".")) {
            spec.commandLine().getErr().println("lia run: the module calls WASI; add --wasi to give it WASI preview1");
        }
        return OutcomePrinter.exitCode(o);
    }

    /** The compiled script, or null after printing its compile errors. */
    private Program compile(Source source, CompiledModule compiled) {
        try {
            return Lia.compile(source, compiled);
        } catch (CompileException e) {
            if (json) spec.commandLine().getOut().println(OutcomePrinter.json(e));
            else spec.commandLine().getErr().println(e.format());
            return null;
        }
    }

    /** With --wasi: one message, before anything runs, for a module WASI cannot serve (an import of the wrong type for its ABI). */
    private void refuseWasi(dev.lia.wasm.syntax.Module m) {
        String refused = wasiOptions.given() ? dev.lia.wasi.WasiPreview1.refusal(m) : null;
        if (refused != null) throw new CliException(Main.BAD_INPUT, "lia run: " + module + ": " + refused);
    }

    private int inSession(long budget, StoreOption.Place place) {
        String session = place.label();
        PrintWriter out = spec.commandLine().getOut();
        Source source = ScriptFiles.script("lia run", script);
        LoadedModule loaded;
        Session before;
        SessionFile file = null;
        dev.lia.state.SessionStore.Versioned read = SessionFiles.readIfAny("lia run", place, replay);
        if (read != null) {
            file = read.file();
            loaded = SessionFiles.module("lia run", session, file);
            if (module != null) {
                LoadedModule given = SessionFiles.module("lia run", module);
                if (!given.hasHash(loaded.hash())) {
                    throw new CliException(Main.BAD_INPUT, "lia run: the session in " + session + " is for module " + loaded.hashText()
                            + ", not " + module + " (" + given.hashText() + ")");
                }
            }
            before = file.session();
            if (wasiOptions.given()) {
                throw new CliException(Main.BAD_INPUT, "lia run: --wasi and its settings are fixed when a session starts; the session in "
                        + session + (before.hosts().isEmpty() ? " has no WASI" : " keeps its own"));
            }
        } else {
            if (module == null) {
                throw new CliException(Main.BAD_INPUT, "lia run: " + session + " does not exist; give --module to start a new session");
            }
            if (replay) throw new CliException(Main.BAD_INPUT, "lia run: --replay needs an existing session file");
            loaded = SessionFiles.module("lia run", module);
            refuseWasi(loaded.compiled().module());
            WasiComponent.Settings wasi = wasiOptions.settings("lia run", module);
            before = Session.of(loaded, dev.lia.wasm.runtime.Limits.DEFAULT, wasi == null ? List.of() : List.of(wasi.setup()));
        }
        Program program = compile(source, loaded.compiled());
        if (program == null) return OutcomePrinter.FAILED;
        Map<String, Value> inputs = ScriptFiles.inputs("lia run", args, program);
        ProgramOutput output = ProgramOutput.of(out, spec.commandLine().getErr(), json && !before.hosts().isEmpty());
        SessionRunner runner = SessionFiles.runner(loaded, file, replay, WasiOptions.hosts("lia run", before.hosts(), output));
        Session.Script s = runner.script(script.toString(), source.text());
        SessionRunner.Step step;
        try {
            step = runner.apply(before, new Session.Run(s, inputs, budget));
        } catch (dev.lia.state.SessionBusyException e) {
            throw new CliException(Main.BAD_INPUT, "lia run: " + e.getMessage() + (e.resumable() ? " (lia resume " + session + ")" : ""));
        } catch (IllegalStateException e) {
            throw new CliException(Main.BAD_INPUT, "lia run: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(Main.BAD_INPUT, "lia run: " + session + ": " + e.getMessage());
        }
        step = SessionFiles.replayed(step, file, replay);
        SessionFiles.write("lia run", place, read == null ? null : read.version(), loaded, step, keep, retention);
        return SessionFiles.print(out, step, json, output);
    }
}
