package dev.lia.cli;

import dev.lia.script.vm.Outcome;
import dev.lia.state.LoadedModule;
import dev.lia.state.MemoryStateCache;
import dev.lia.state.Retention;
import dev.lia.state.SessionFile;
import dev.lia.state.SessionRunner;
import dev.lia.state.StateException;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.WasmException;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.syntax.Module;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** What {@code lia run --session}, {@code lia resume} and {@code lia state} share: reading, opening and writing session files. */
final class SessionFiles {
    private SessionFiles() {}

    /** A module file as the binary bytes a session keeps (text modules are encoded) and compiled code. */
    static LoadedModule module(String command, Path file) {
        byte[] raw = ScriptFiles.bytes(command, file);
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        boolean binary = name.endsWith(".wasm") || (!name.endsWith(".wat") && ModuleFiles.isBinary(raw));
        byte[] bytes = binary ? raw : ModuleEncoder.encode(ModuleFiles.parseText(file, raw));
        Module m = ModuleFiles.decode(Path.of(name.endsWith(".wasm") ? name : name + ".wasm"), bytes);
        ModuleFiles.validate(file, m);
        try {
            return LoadedModule.of(bytes, ModuleCompiler.compile(m));
        } catch (UnsupportedFeatureException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": unsupported: " + e.getMessage() + ModuleFiles.at(e.offset()));
        }
    }

    /**
     * Reads a session file. A damaged log is an error; so is a damaged saved state, unless
     * {@code replay} (then the state is ignored and the log replayed).
     */
    static SessionFile read(String command, Path file, boolean replay) {
        byte[] bytes = ModuleFiles.read(file, command);
        SessionFile f;
        try {
            f = SessionFile.decode(bytes, Limits.DEFAULT);
        } catch (StateException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": bad session file: " + e.getMessage());
        }
        if (f.stateProblem() != null && !replay) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": bad saved state: " + f.stateProblem().getMessage()
                    + " (the session log is intact: add --replay to rebuild the state from it)");
        }
        return f;
    }

    /** The module a session file holds, compiled. */
    static LoadedModule module(String command, Path file, SessionFile f) {
        try {
            return LoadedModule.of(f.moduleBytes());
        } catch (WasmException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": the session's module does not load: " + e.getMessage());
        }
    }

    /**
     * A runner over a one-entry cache holding the file's state (unless {@code replay}); its origin
     * says whether the state was used.
     */
    static SessionRunner runner(LoadedModule module, SessionFile f, boolean replay,
                                java.util.function.Supplier<Map<String, dev.lia.wasm.runtime.HostFunction>> hosts) {
        MemoryStateCache cache = new MemoryStateCache(2);
        if (f != null && f.state() != null && !replay) {
            cache.put(f.session().key(), SessionRunner.entry(f.session().key(), f.state()));
        }
        return new SessionRunner(module, Limits.DEFAULT, hosts, cache, Retention.ALWAYS);
    }

    /**
     * Writes the session after a step atomically, whatever its outcome: a step that finished is recorded too, so that
     * it is never applied twice (a resume after it is refused, {@code lia state} shows no pending request).
     */
    static void write(String command, Path file, LoadedModule module, SessionRunner.Step step) {
        Outcome o = step.outcome();
        String summary = OutcomePrinter.text(o).lines().findFirst().orElse("done");
        if (o instanceof Outcome.Done) summary = "done" + (summary.isEmpty() ? "" : ": " + summary + (OutcomePrinter.text(o).lines().count() > 1 ? ", ..." : ""));
        try {
            SessionFile.of(module, step.session(), summary, step.state()).write(file);
        } catch (IOException e) {
            throw new CliException(Main.BAD_INPUT, command + ": cannot write " + file + ": " + OutputFiles.reason(file, e));
        }
    }

    /**
     * The step with the reason it was replayed in the note when {@code --replay} asked for it (the
     * runner, given no state, would say "no cached state"): the saved state was ignored, or unusable.
     */
    static SessionRunner.Step replayed(SessionRunner.Step step, SessionFile f, boolean replay) {
        if (!replay || step.origin() != SessionRunner.Origin.REPLAYED) return step;
        String note = "replayed from the session's log, as --replay asks"
                + (f == null ? "" : f.stateProblem() != null ? "; the saved state is unusable: " + f.stateProblem().getMessage()
                : f.state() != null ? "; the saved state was not used" : "; the file holds no saved state");
        return new SessionRunner.Step(step.session(), step.outcome(), step.state(), step.live(), step.origin(), note);
    }

    /**
     * Whether a session file is there to continue: an empty file (made by {@code mktemp}, say) is
     * not, and starts a new session.
     */
    static boolean exists(Path file) {
        try {
            return java.nio.file.Files.exists(file) && !(java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) == 0);
        } catch (IOException e) {
            return true; // reading it reports the problem
        }
    }

    /** Prints the outcome (and the state hash) as {@code lia run} does; returns the exit code. */
    static int print(PrintWriter out, SessionRunner.Step step, boolean json, ProgramOutput output) {
        Outcome o = step.outcome();
        if (json) {
            String base = OutcomePrinter.json(o);
            String extra = ",\"state\":" + (step.state() == null ? "null" : "\"" + step.stateHash() + "\"")
                    + ",\"origin\":\"" + step.origin().name().toLowerCase(java.util.Locale.ROOT) + "\""
                    + (step.note() != null ? ",\"note\":" + Json.string(step.note()) : "")
                    + ",\"fuel\":{\"used\":" + step.live().fuelUsed() + "}";
            out.println(output.addTo(base.substring(0, base.length() - 1) + extra + "}"));
        } else {
            String text = OutcomePrinter.text(o);
            if (!text.isEmpty()) out.println(text);
            if (step.state() != null) out.println("state: " + step.stateHash());
        }
        return OutcomePrinter.exitCode(o);
    }

    /** A fuel budget option: null means unlimited. */
    static long fuel(String command, Long fuel) {
        if (fuel == null) return dev.lia.state.LiveSession.UNLIMITED;
        if (fuel < 0) throw new CliException(Main.BAD_INPUT, command + ": --fuel must be >= 0, got " + fuel);
        return fuel;
    }
}
