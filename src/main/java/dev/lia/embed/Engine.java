package dev.lia.embed;

import dev.lia.script.compile.Program;
import dev.lia.script.syntax.Source;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Value;
import dev.lia.state.LiveSession;
import dev.lia.state.LoadedModule;
import dev.lia.state.Retention;
import dev.lia.state.Session;
import dev.lia.state.SessionRunner;
import dev.lia.state.StateCache;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.runtime.HostFunction;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.text.TextFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A WebAssembly module made ready to run, with everything that goes with it: the resource limits,
 * the Java host functions for its imports, the fuel budget of each event and, optionally, a cache of
 * saved states. Made by {@link #builder()}; immutable, and cheap to share.
 *
 * <p>From an engine: {@link #instantiate()} gives a plain WebAssembly instance to {@code call};
 * {@link #compile} compiles a Lia script against the module; {@link #newSession()} starts a script
 * session; {@link #load(byte[])} continues one from saved bytes; {@link #resume(Session)} continues
 * one from its log (through the cache, or by replay).
 */
public final class Engine {
    private final LoadedModule module;
    private final Limits limits;
    private final Map<String, Host> typedHosts;
    private final Supplier<Map<String, HostFunction>> rawHosts;
    private final long fuel;
    private final StateCache cache;
    private final Retention retention;
    private final SessionRunner runner;
    /** The scripts compiled by {@link #compile}, by program id: saved states name them so. */
    private final Map<String, Program> programs = new HashMap<>();
    private final Map<String, Session.Script> scripts = new HashMap<>();

    private Engine(Builder b) {
        this.module = b.module;
        this.limits = b.limits;
        this.typedHosts = Map.copyOf(b.hosts);
        this.rawHosts = b.rawHosts;
        this.fuel = b.fuel;
        this.cache = b.cache;
        this.retention = b.retention;
        for (String name : typedHosts.keySet()) importType(name); // fails now for an import the module lacks
        this.runner = cache == null ? null : new SessionRunner(module, limits, this::hostFunctions, cache, retention);
    }

    /** A builder: give it a module ({@link Builder#module(Path)}, bytes or text), then whatever else it needs. */
    public static Builder builder() {
        return new Builder();
    }

    /** An engine for this module file ({@code .wasm}, or {@code .wat} text) with the defaults: no host functions, default limits, no cache. */
    public static Engine of(Path module) {
        return builder().module(module).build();
    }

    /** An engine for this binary module with the defaults. */
    public static Engine of(byte[] module) {
        return builder().module(module).build();
    }

    // ------------------------------------------------------------------ what it is made of

    /** The module with its hash and compiled code, for the layers underneath ({@code dev.lia.state}). */
    public LoadedModule loadedModule() {
        return module;
    }

    /** {@code sha256:...} of the module's binary: the name saved states give it. */
    public String moduleHash() {
        return module.hashText();
    }

    public Limits limits() {
        return limits;
    }

    /** The fuel budget of each event ({@link LiveSession#UNLIMITED} unless the builder set one). */
    public long fuel() {
        return fuel;
    }

    /** The import names ({@code module.name}) of the module's function imports, in order, with their types. */
    public Map<String, String> functionImports() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Import imp : module.compiled().module().imports()) {
            if (imp.desc() instanceof Import.Func f) out.put(imp.module() + "." + imp.name(), module.compiled().module().types().get(f.typeIndex()).toString());
        }
        return out;
    }

    /**
     * The engine's host functions as the layers underneath take them (fresh for each call: the
     * state of a {@code HostComponent} belongs to one session).
     */
    public Map<String, HostFunction> hostFunctions() {
        Map<String, HostFunction> out = new HashMap<>(rawHosts.get());
        typedHosts.forEach((name, host) -> out.put(name, adapt(name, host)));
        return out;
    }

    private FuncType importType(String qualified) {
        for (Import imp : module.compiled().module().imports()) {
            if (imp.desc() instanceof Import.Func f && qualified.equals(imp.module() + "." + imp.name())) {
                return module.compiled().module().types().get(f.typeIndex());
            }
        }
        throw new IllegalArgumentException("the module has no function import " + qualified + "; its function imports are: "
                + (functionImports().isEmpty() ? "none" : String.join(", ", functionImports().keySet())));
    }

    private HostFunction adapt(String name, Host host) {
        FuncType type = importType(name);
        List<Type> results = Convert.liaTypes(type.results(), "a result of " + name);
        Convert.liaTypes(type.params(), "a parameter of " + name);
        return (caller, args) -> {
            Object r = host.call(Convert.values(type.params(), args, "argument").toArray(new Value[0]));
            List<Value> values = Convert.results(r, results, "host function " + name);
            long[] bits = new long[values.size()];
            for (int i = 0; i < bits.length; i++) bits[i] = values.get(i).bits();
            return bits;
        };
    }

    // ------------------------------------------------------------------ plain WebAssembly

    /**
     * A new instance of the module, its start function run. Function imports are the engine's host
     * functions; one without is linked all the same and traps, naming itself, if it is called.
     *
     * @throws dev.lia.wasm.LinkException for a memory, table or global import (give the layers underneath those)
     * @throws Trap                       if a segment does not fit or the start function traps
     */
    public ModuleInstance instantiate() {
        return ModuleInstance.create(this);
    }

    // ------------------------------------------------------------------ Lia scripts

    /**
     * Compiles a Lia script against the module (checked against its exports and imports).
     *
     * @throws dev.lia.script.syntax.CompileException listing every error with its position
     */
    public synchronized Program compile(String name, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Program p;
        if (runner != null) {
            Session.Script s = runner.script(name, source);
            p = runner.program(s);
            scripts.put(p.id(), s);
        } else {
            p = dev.lia.script.Lia.compile(new Source(name, source), module.compiled());
        }
        programs.putIfAbsent(p.id(), p);
        return p;
    }

    /** Compiles a Lia script file. */
    public Program compile(Path script) {
        try {
            return compile(script.getFileName().toString(), Files.readString(script));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + script + ": " + e.getMessage(), e);
        }
    }

    synchronized Program program(String id) {
        return programs.get(id);
    }

    synchronized Session.Script script(Program p) {
        Session.Script s = scripts.get(p.id());
        if (s == null) throw new IllegalArgumentException("the script " + p.sourceName() + " was not compiled by this engine's compile()");
        return s;
    }

    SessionRunner runner() {
        return runner;
    }

    /** A new script session: nothing runs until its first script, which instantiates the module. */
    public ScriptSession newSession() {
        if (runner != null) return ScriptSession.logged(this, runner.current(Session.of(module, limits)));
        return ScriptSession.live(this, LiveSession.start(module, limits, hostFunctions()));
    }

    /**
     * A session continued from {@link ScriptSession#save()}'s bytes (in this process or another).
     * A suspended script is found among those this engine compiled, and among {@code scripts}.
     *
     * @throws dev.lia.state.StateException if the bytes are not a usable state for this module (its {@code kind()} says why)
     */
    public ScriptSession load(byte[] state, Program... scripts) {
        return ScriptSession.live(this, LiveSession.loader(module).limits(limits).hosts(hostFunctions())
                .programs(scripts).programs(this::program).load(state));
    }

    /**
     * A session continued from its log ({@link ScriptSession#log()}): from the cached state when the
     * cache has it, else by replaying the log. Needs a cache ({@link Builder#cache}).
     */
    public ScriptSession resume(Session log) {
        if (runner == null) throw new IllegalStateException("resume needs a cache: give the builder one with cache(...)");
        return ScriptSession.logged(this, runner.current(log));
    }

    // ------------------------------------------------------------------ the builder

    /** Builds an {@link Engine}. Only the module is required. */
    public static final class Builder {
        private LoadedModule module;
        private Limits limits = Limits.DEFAULT;
        private final Map<String, Host> hosts = new LinkedHashMap<>();
        private Supplier<Map<String, HostFunction>> rawHosts = Map::of;
        private long fuel = LiveSession.UNLIMITED;
        private StateCache cache;
        private Retention retention = Retention.ALWAYS;

        private Builder() {}

        /**
         * The module: a binary, or the text format when the file name ends in {@code .wat}.
         *
         * @throws UncheckedIOException if the file cannot be read
         * @throws dev.lia.wasm.ModuleException if it is not a valid module
         */
        public Builder module(Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            return file.getFileName().toString().endsWith(".wat") ? moduleText(new String(bytes, StandardCharsets.UTF_8)) : module(bytes);
        }

        /** The module's binary encoding. @throws dev.lia.wasm.ModuleException if it is not a valid module */
        public Builder module(byte[] binary) {
            this.module = LoadedModule.of(binary);
            return this;
        }

        /** The module in the WebAssembly text format, e.g. {@code (module (func (export "f") ...))}. */
        public Builder moduleText(String wat) {
            return module(ModuleEncoder.encode(TextFormat.parseModule(wat)));
        }

        /** A module loaded already (the layers underneath). */
        public Builder module(LoadedModule loaded) {
            this.module = Objects.requireNonNull(loaded, "module");
            return this;
        }

        /** All the resource limits at once ({@link Limits#DEFAULT} otherwise). */
        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** A memory never grows beyond this many 64 KiB pages ({@code memory.grow} returns -1). */
        public Builder maxMemoryPages(int pages) {
            this.limits = limits.withMaxMemoryPages(pages);
            return this;
        }

        /** Nested wasm calls beyond this trap with "call stack exhausted". */
        public Builder maxCallDepth(int depth) {
            this.limits = limits.withMaxCallDepth(depth);
            return this;
        }

        /**
         * The fuel budget of each event of a script session: wasm instructions as the engine counts
         * them plus 1 per Lia operation. A run that uses it up stops with {@code OutOfFuel};
         * {@link ScriptSession#refuel()} continues it.
         */
        public Builder fuel(long perEvent) {
            if (perEvent < 0) throw new IllegalArgumentException("fuel must be >= 0");
            this.fuel = perEvent;
            return this;
        }

        /**
         * A Java implementation of the function import {@code module.name}. Checked when the engine
         * is built: the module must import a function of that name.
         */
        public Builder host(String module, String name, Host function) {
            hosts.put(module + "." + name, Objects.requireNonNull(function, "function"));
            return this;
        }

        /**
         * Host functions as the layers underneath take them (raw bits, {@code HostComponent}s such
         * as WASI's), made fresh for each session. Typed {@link #host} functions of the same name win.
         */
        public Builder rawHosts(Supplier<Map<String, HostFunction>> fresh) {
            this.rawHosts = Objects.requireNonNull(fresh, "fresh");
            return this;
        }

        /**
         * A cache of saved states: sessions then keep a log of their events ({@link ScriptSession#log()})
         * and {@link Engine#resume} continues one from the cache or, on a miss, by replay. Use
         * {@code new MemoryStateCache(n)} or {@code new DirectoryStateCache(dir)} ({@code dev.lia.state}).
         */
        public Builder cache(StateCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Which states go into the cache ({@link Retention#ALWAYS} by default). */
        public Builder retention(Retention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /**
         * @throws IllegalStateException    without a module
         * @throws IllegalArgumentException for a host function the module does not import
         */
        public Engine build() {
            if (module == null) throw new IllegalStateException("no module: give the builder one with module(path) or module(bytes)");
            return new Engine(this);
        }
    }

    @Override
    public String toString() {
        return "Engine[" + moduleHash() + "]";
    }
}
