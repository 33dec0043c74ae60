package dev.lia.cli;

import dev.lia.script.vm.Outcome;
import dev.lia.state.LoadedModule;
import dev.lia.state.MemoryStateCache;
import dev.lia.state.Retention;
import dev.lia.state.DirectorySessionStore;
import dev.lia.state.SessionConflictException;
import dev.lia.state.SessionFile;
import dev.lia.state.SessionStore;
import dev.lia.state.StoreException;
import dev.lia.state.SessionRunner;
import dev.lia.state.StateException;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.WasmException;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.syntax.Module;

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
     * Decodes a session file. A damaged log is an error; so is a damaged saved state, unless
     * {@code replay} (then the state is ignored and the log replayed).
     */
    private static SessionStore.Versioned read(String command, Path file, byte[] bytes, boolean replay) {
        SessionFile f;
        try {
            f = SessionFile.decode(bytes, Limits.DEFAULT);
        } catch (StateException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + file + ": bad session file: " + e.getMessage());
        }
        checkState(command, file.toString(), f, replay);
        return new SessionStore.Versioned(f, DirectorySessionStore.version(bytes));
    }

    private static void checkState(String command, String label, SessionFile f, boolean replay) {
        if (f.stateProblem() != null && !replay) {
            throw new CliException(Main.BAD_INPUT, command + ": " + label + ": bad saved state: " + f.stateProblem().getMessage()
                    + " (the session log is intact: add --replay to rebuild the state from it)");
        }
    }

    /** Reads a session with its version, or null when there is none there (a file that does not exist, no row). */
    static SessionStore.Versioned readIfAny(String command, StoreOption.Place place, boolean replay) {
        if (place.file() != null) {
            if (!exists(place.file())) { // an empty file (mktemp) starts a new session: it is removed, so the new one can be written
                try {
                    java.nio.file.Files.deleteIfExists(place.file());
                } catch (java.io.IOException e) {
                    throw new CliException(Main.BAD_INPUT, command + ": cannot replace the empty " + place.file() + ": " + e.getMessage());
                }
                return null;
            }
            return read(command, place.file(), ModuleFiles.read(place.file(), command), replay);
        }
        SessionStore.Versioned v;
        try {
            v = place.store().read(place.name());
        } catch (StateException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + place.label() + ": bad session: " + e.getMessage());
        } catch (StoreException | java.io.UncheckedIOException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + e.getMessage());
        }
        if (v != null) checkState(command, place.label(), v.file(), replay);
        return v;
    }

    /** Reads a session that must exist. */
    static SessionStore.Versioned read(String command, StoreOption.Place place, boolean replay) {
        if (place.file() != null && java.nio.file.Files.exists(place.file()) && !exists(place.file())) {
            throw new CliException(Main.BAD_INPUT, command + ": " + place.file() + " is empty: no session yet (lia run SCRIPT.lia --module M --session "
                    + place.file() + " starts one in it)");
        }
        SessionStore.Versioned v = readIfAny(command, place, replay);
        if (v == null) {
            if (place.file() != null) ModuleFiles.read(place.file(), command); // its message: no such file
            throw new CliException(Main.BAD_INPUT, command + ": no " + place.label());
        }
        return v;
    }

    /** The module a session file holds, compiled. */
    static LoadedModule module(String command, Object file, SessionFile f) {
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
     * Writes the session atomically if it is still at {@code version} (null: it must not exist yet),
     * whatever the step's outcome: a step that finished is recorded too, so that it is never applied
     * twice (a resume after it is refused, {@code lia state} shows no pending request). {@code keep}
     * is accepted for compatibility and changes nothing. Returns true.
     *
     * @throws CliException with {@link Main#CONFLICT} if the session changed since it was read: nothing was written
     */
    static boolean write(String command, StoreOption.Place place, String version, LoadedModule module, SessionRunner.Step step, boolean keep,
                         RetentionOption retention) {
        Outcome o = step.outcome();
        String summary = OutcomePrinter.text(o).lines().findFirst().orElse("done");
        if (o instanceof Outcome.Done) summary = "done" + (summary.isEmpty() ? "" : ": " + summary + (OutcomePrinter.text(o).lines().count() > 1 ? ", ..." : ""));
        try {
            place.store().write(place.name(), version, SessionFile.of(module, step.session(), summary, retention.kept(command, o, step.state())));
        } catch (SessionConflictException e) {
            throw new CliException(Main.CONFLICT, command + ": " + place.label() + ": " + e.getMessage());
        } catch (StoreException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            Path file = place.file() != null ? place.file() : Path.of(place.name());
            throw new CliException(Main.BAD_INPUT, command + ": cannot write " + file + ": " + OutputFiles.reason(file, e.getCause()));
        }
        return true;
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
        } catch (java.io.IOException e) {
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
