package dev.lia.wasm.spec;

import dev.lia.wasm.Pipeline;
import dev.lia.wasm.InvalidException;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.MalformedException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.UnsupportedFeatureException;
import dev.lia.wasm.WasmException;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.GlobalInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.ThrownException;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.TextFormatException;
import dev.lia.wasm.text.TextModules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs spec scripts: wast2json's {@code NAME.json} listing commands, with the modules beside it as
 * {@code NAME.N.wasm} (binary) or {@code NAME.N.wat} (text, read by {@code dev.lia.wasm.text}), or a
 * {@code .wast} script as released (read by {@code dev.lia.wasm.text.WastParser}, see {@link TextModules}).
 *
 * <p>Every command counts once as passed, failed or skipped. Skipped are modules the compiler
 * refuses as unsupported and commands on such a module. {@code v128} arguments and results take two
 * raw slots each and are compared lane by lane. A command that fails adds one line {@code file:line: command: expected X, got Y}; the
 * run always goes on to the next command. Error messages pass if the engine's message starts with
 * the script's text.
 *
 * <p>A runner holds only configuration; each {@link #run} uses a fresh store, so one runner may run
 * many scripts, one after the other or from several threads.
 */
public final class SpecRunner {
    /**
     * Modules whose conversion to binary changed which error they show; each maps to the message the
     * binary really earns, accepted besides the script's text.
     * <ul>
     *   <li>{@code select.2.wasm} (select.wast line 324, {@code select (result)} "invalid result arity"):
     *       wabt's wast2json writes a select with an empty result list as the untyped select (0x1B),
     *       so the binary no longer says anything about result arity; it is a plain type mismatch
     *       (the select lacks operands).</li>
     * </ul>
     */
    static final Map<String, String> CONVERSION_ARTIFACTS = Map.of("select.2.wasm", "type mismatch");

    /**
     * Module assertions of the 2.0 suite that WebAssembly 3.0 reverses ({@code file:line} and the
     * assertion's text, which must match too): Lia follows 3.0, whose own suite tests the new
     * rule, so these count as passed whatever the module now gives.
     * <ul>
     *   <li>extended constant expressions: a constant expression may read any immutable global
     *       defined before it (a global initializer) or any at all (a segment offset);</li>
     *   <li>multi-memory: several memories are valid, the reserved byte of memory instructions is a
     *       memory index, and bit 6 of a memarg's flags announces one;</li>
     *   <li>memory64: memory and table limits and memarg offsets are u64 numbers (so a long LEB128 is now
     *       "integer too large" or well-formed, and a too large offset or size is invalid rather than
     *       malformed), alignment exponents up to 63 are well-formed (the validator refuses them),
     *       and limits flags are a byte of known bits;</li>
     *   <li>exception handling: 0x0A (throw_ref) is an opcode and import kind 4 a tag, so the modules
     *       that used them as illegal bytes now end early ("unexpected end").</li>
     * </ul>
     */
    static final Map<String, String> SUPERSEDED_BY_3_0 = supersededBy30();

    /**
     * Whether the module assertion of 2.0-suite script {@code file} (e.g. {@code "data.wast"}) at
     * {@code line}, expecting {@code text}, is one WebAssembly 3.0 reverses (see {@link #SUPERSEDED_BY_3_0}).
     */
    public static boolean supersededBy30(String file, long line, String text) {
        return text != null && text.equals(SUPERSEDED_BY_3_0.get(file + ":" + line));
    }

    private static Map<String, String> supersededBy30() {
        Map<String, String> m = new HashMap<>();
        for (String at : List.of("data.wast:89", "data.wast:93", "elem.wast:171", "elem.wast:175",
                "global.wast:352", "global.wast:356")) m.put(at, "unknown global");
        for (String at : List.of("imports.wast:488", "imports.wast:492", "imports.wast:496", "memory.wast:10",
                "memory.wast:11")) m.put(at, "multiple memories");
        for (int line : new int[] {126, 146, 166, 185, 204, 224, 243, 262, 280, 298}) m.put("binary.wast:" + line, "zero byte expected");
        for (int line : new int[] {892, 911, 930, 949, 968}) m.put("align.wast:" + line, "malformed memop flags");
        for (String at : List.of("address.wast:214", "simd_address.wast:144", "simd_address.wast:152")) m.put(at, "i32 constant");
        for (int line : new int[] {80, 84, 88}) m.put("memory.wast:" + line, "i32 constant out of range");
        for (int line : new int[] {28, 32, 36}) m.put("table.wast:" + line, "i32 constant out of range");
        for (int line : new int[] {218, 226, 731, 751, 846, 866}) m.put("binary-leb128.wast:" + line, "integer representation too long");
        for (int line : new int[] {526, 534, 542, 551}) m.put("binary-leb128.wast:" + line, "integer too large");
        for (int line : new int[] {805, 814, 852, 860}) m.put("binary.wast:" + line, "integer too large");
        for (int line : new int[] {824, 869, 878}) m.put("binary.wast:" + line, "integer representation too long");
        // exception handling: 0x0A is throw_ref, import kind 4 a tag (the 3.0 suite expects "unexpected end" there)
        m.put("binary.wast:113", "illegal opcode");
        for (int line : new int[] {680, 690}) m.put("binary.wast:" + line, "malformed import kind");
        return Map.copyOf(m);
    }

    /**
     * Messages the 3.0 suite words differently from the 2.0 suite (script text to the engine's
     * 2.0 wording): either passes.
     */
    static final Map<String, String> RENAMED_MESSAGES = Map.of("immutable global", "global is immutable",
            "i8 constant out of range", "malformed lane index"); // a lane index that is no u8 (simd_lane.wast)

    private Consumer<String> printSink;
    private Consumer<String> failureSink;
    private Limits limits = Limits.DEFAULT;
    private dev.lia.wasm.exec.Tier tier = Machine.defaultTier();

    private Machine newMachine(Store store) {
        Machine m = new Machine(store);
        m.setTier(tier);
        return m;
    }

    /** Where the {@code spectest} print functions write (one line per value); default: nowhere. */
    public SpecRunner printTo(Consumer<String> sink) {
        this.printSink = sink;
        return this;
    }

    /** Receives each failure line as soon as it is found (they are in the result as well). */
    public SpecRunner onFailure(Consumer<String> sink) {
        this.failureSink = sink;
        return this;
    }

    /** The store limits for each script; default {@link Limits#DEFAULT}. */
    /** Which code runs the scripts' functions (default: the machine's default tier). */
    public SpecRunner tier(dev.lia.wasm.exec.Tier tier) {
        this.tier = tier;
        return this;
    }

    public SpecRunner limits(Limits limits) {
        this.limits = limits;
        return this;
    }

    /**
     * Runs one wast2json script. Never throws for bad input: an unreadable or unparsable file gives
     * a result with one failure.
     */
    public SpecResult run(Path jsonFile) {
        String name = jsonFile.getFileName() == null ? jsonFile.toString() : jsonFile.getFileName().toString();
        if (name.endsWith(".wast")) return runWast(jsonFile, name);
        Map<String, Object> doc;
        try {
            doc = Json.parseObject(Files.readString(jsonFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return broken(name, "no such file");
        } catch (IOException e) {
            return broken(name, "cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return broken(name, "not valid JSON: " + e.getMessage());
        }
        String source = Json.string(doc, "source_filename");
        String file = source != null ? Path.of(source).getFileName().toString() : name;
        Script script = new Script(name, file, jsonFile.toAbsolutePath().getParent());
        try {
            for (Map<String, Object> command : Json.objects(doc, "commands")) script.execute(command);
        } catch (IllegalArgumentException e) {
            return broken(name, "not a wast2json script: " + e.getMessage());
        }
        return script.result();
    }

    /**
     * Runs a {@code .wast} script as released: Lia's script parser gives the commands in wast2json's
     * form, each module as a {@link TextModules} object instead of a file (text-format hook).
     */
    private SpecResult runWast(Path wastFile, String name) {
        List<Map<String, Object>> commands;
        try {
            commands = TextModules.commands(name, Files.readAllBytes(wastFile));
        } catch (NoSuchFileException e) {
            return broken(name, "no such file");
        } catch (IOException e) {
            return broken(name, "cannot read: " + e.getMessage());
        } catch (TextFormatException e) {
            return broken(name, e.located());
        }
        Script script = new Script(name, name, wastFile.toAbsolutePath().getParent());
        for (Map<String, Object> command : commands) script.execute(command);
        return script.result();
    }

    private SpecResult broken(String name, String why) {
        String line = name + ": " + why;
        if (failureSink != null) failureSink.accept(line);
        return new SpecResult(name, 0, 1, 0, 0, List.of(line));
    }

    // ---- outcomes ----

    /** Thrown inside a command to skip it. */
    private static final class Skip extends Exception {
        Skip(String why) {
            super(why, null, false, false);
        }
    }

    /** Thrown inside a command to fail it. */
    private static final class Fail extends Exception {
        final String expected;
        final String got;
        final boolean messageOnly;

        Fail(String expected, String got, boolean messageOnly) {
            super(null, null, false, false);
            this.expected = expected;
            this.got = got;
            this.messageOnly = messageOnly;
        }

        Fail(String expected, String got) {
            this(expected, got, false);
        }
    }

    /** A module as a script refers to it: instantiated, skipped, or failed to load. */
    private static final class Loaded {
        final Instance instance;
        final String skipReason;
        final String failure;

        private Loaded(Instance instance, String skipReason, String failure) {
            this.instance = instance;
            this.skipReason = skipReason;
            this.failure = failure;
        }
    }

    /** The state of one script run. */
    private final class Script {
        final String name;
        final String file;
        final Path dir;
        final Store store = new Store(limits);
        {
            // (ref.struct) and (ref.array) results are told apart by this store's heap
            WastValue.objectKind = bits -> {
                dev.lia.wasm.types.DefType t = store.heap().typeOf(bits);
                return t == null ? 0 : t.kind;
            };
        }
        final Machine machine = newMachine(store);
        final Map<String, Map<String, Extern>> registry = new HashMap<>();
        final Set<String> skippedRegistrations = new HashSet<>();
        final Map<String, Loaded> named = new HashMap<>();
        final ImportResolver resolver;
        Loaded current;
        final Map<String, CompiledModule> definitions = new HashMap<>();
        CompiledModule latestDefinition;
        int passed, failed, skipped, messageMismatches;
        final List<String> failures = new ArrayList<>();

        Script(String name, String file, Path dir) {
            this.name = name;
            this.file = file;
            this.dir = dir;
            registry.put(Spectest.NAME, Spectest.create(store, printSink));
            resolver = (module, field) -> {
                Map<String, Extern> exports = registry.get(module);
                return exports == null ? null : exports.get(field);
            };
        }

        SpecResult result() {
            return new SpecResult(name, passed, failed, skipped, messageMismatches, failures);
        }

        void execute(Map<String, Object> cmd) {
            String type = Json.string(cmd, "type");
            long line = Json.integer(cmd, "line", 0);
            String what = describe(type, cmd);
            try {
                if (supersededBy30(file, line, Json.string(cmd, "text"))
                        && ("assert_invalid".equals(type) || "assert_malformed".equals(type))) {
                    passed++;
                    return;
                }
                switch (type == null ? "" : type) {
                    case "module": module(cmd); break;
                    case "module_definition": moduleDefinition(cmd); break;
                    case "module_instance": moduleInstance(cmd); break;
                    case "register": register(cmd); break;
                    case "action": action(cmd); break;
                    case "assert_return": assertReturn(cmd); break;
                    case "assert_trap":
                    case "assert_exhaustion": assertTrap(cmd); break;
                    case "assert_exception": assertException(cmd); break;
                    case "assert_invalid": assertInvalid(cmd); break;
                    case "assert_malformed": assertMalformed(cmd); break;
                    case "assert_unlinkable": assertUnlinkable(cmd); break;
                    case "assert_uninstantiable": assertUninstantiable(cmd); break;
                    default: throw new Fail("a known command", "\"" + type + "\"");
                }
                passed++;
            } catch (Skip s) {
                skipped++;
            } catch (Fail f) {
                fail(line, what, f);
            } catch (RuntimeException | StackOverflowError e) {
                // an engine bug (or a broken script): report it and go on with the next command
                fail(line, what, new Fail(expectation(type, cmd), unexpected(e)));
            }
        }

        private void fail(long line, String what, Fail f) {
            failed++;
            if (f.messageOnly) messageMismatches++;
            String text = file + ":" + line + ": " + what + ": expected " + f.expected + ", got " + f.got;
            failures.add(text);
            if (failureSink != null) failureSink.accept(text);
        }

        // ---- modules ----

        void module(Map<String, Object> cmd) throws Skip, Fail {
            String id = Json.string(cmd, "name");
            current = null;
            if (id != null) named.remove(id);
            Loaded loaded;
            Skip skip = null;
            Fail fail = null;
            try {
                loaded = new Loaded(instantiate(compile(cmd)), null, null);
            } catch (Skip s) {
                loaded = new Loaded(null, s.getMessage(), null);
                skip = s;
            } catch (Fail f) {
                loaded = new Loaded(null, null, "the module at line " + Json.integer(cmd, "line", 0) + " failed to load");
                fail = f;
            } catch (RuntimeException | StackOverflowError e) {
                loaded = new Loaded(null, null, "the module at line " + Json.integer(cmd, "line", 0) + " failed to load");
                fail = new Fail("a module", unexpected(e));
            }
            current = loaded;
            if (id != null) named.put(id, loaded);
            if (skip != null) throw skip;
            if (fail != null) throw fail;
        }

        /** {@code module definition} (3.0): compiled, kept by name (and as the latest), not instantiated. */
        void moduleDefinition(Map<String, Object> cmd) throws Skip, Fail {
            String id = Json.string(cmd, "name");
            latestDefinition = null;
            if (id != null) definitions.remove(id);
            CompiledModule compiled = compile(cmd);
            latestDefinition = compiled;
            if (id != null) definitions.put(id, compiled);
        }

        /** {@code module instance $I $M} (3.0): a new instance of a defined module, which becomes the current one. */
        void moduleInstance(Map<String, Object> cmd) throws Skip, Fail {
            String of = Json.string(cmd, "module");
            String id = Json.string(cmd, "instance");
            CompiledModule compiled = of != null ? definitions.get(of) : latestDefinition;
            current = null;
            if (id != null) named.remove(id);
            if (compiled == null) throw new Fail("a module definition" + (of != null ? " " + of : ""), "none");
            Loaded loaded;
            try {
                loaded = new Loaded(instantiate(compiled), null, null);
            } catch (Fail f) {
                current = new Loaded(null, null, "the instance at line " + Json.integer(cmd, "line", 0) + " failed");
                if (id != null) named.put(id, current);
                throw f;
            }
            current = loaded;
            if (id != null) named.put(id, loaded);
        }

        /** Reads, decodes, validates and compiles the module of a command; any error fails it. */
        CompiledModule compile(Map<String, Object> cmd) throws Skip, Fail {
            try {
                Module m = decode(cmd);
                Pipeline.validate(m);
                return ModuleCompiler.compile(m);
            } catch (UnsupportedFeatureException e) {
                throw new Skip("unsupported: " + e.getMessage());
            } catch (MalformedException | InvalidException e) {
                throw new Fail("a module", got(e));
            }
        }

        Instance instantiate(CompiledModule module) throws Skip, Fail {
            for (Import imp : module.module().imports()) {
                if (skippedRegistrations.contains(imp.module())) {
                    throw new Skip("imports from the skipped module \"" + imp.module() + "\"");
                }
            }
            try {
                return machine.instantiate(module, resolver);
            } catch (LinkException | Trap e) {
                throw new Fail("a module", got(e));
            }
        }

        /**
         * The module of a command: from a {@code .wast} script (text-format hook), a {@code .wat} file
         * (parsed by the text format), or a {@code .wasm} file.
         */
        Module decode(Map<String, Object> cmd) throws Skip, Fail {
            Object inline = cmd.get(TextModules.MODULE_KEY);
            if (inline != null) return TextModules.decode(inline);
            String filename = Json.string(cmd, "filename");
            if (filename != null && ("text".equals(Json.string(cmd, "module_type")) || filename.endsWith(".wat"))) {
                try {
                    return TextModules.decodeWat(dir.resolve(filename));
                } catch (IOException e) {
                    throw new Fail("module file " + filename, "an unreadable file (" + e + ")");
                }
            }
            return Pipeline.decode(read(cmd));
        }

        byte[] read(Map<String, Object> cmd) throws Skip, Fail {
            String filename = Json.string(cmd, "filename");
            if (filename == null) throw new Fail("a module file", "a command without \"filename\"");
            if ("text".equals(Json.string(cmd, "module_type")) || filename.endsWith(".wat")) {
                throw new Skip("text module");
            }
            try {
                return Files.readAllBytes(dir.resolve(filename));
            } catch (IOException e) {
                throw new Fail("module file " + filename, "an unreadable file (" + e + ")");
            }
        }

        void register(Map<String, Object> cmd) throws Skip, Fail {
            String as = Json.string(cmd, "as");
            Loaded loaded = target(Json.string(cmd, "name"));
            registry.put(as, loaded.instance.exports());
            skippedRegistrations.remove(as);
        }

        /** The module an action or register refers to; skips or fails when it is not instantiated. */
        Loaded target(String id) throws Skip, Fail {
            Loaded loaded = id != null ? named.get(id) : current;
            if (loaded == null) {
                throw new Fail(id != null ? "a module " + id : "a module", "none (no module defined before)");
            }
            if (loaded.skipReason != null) throw new Skip(loaded.skipReason);
            if (loaded.failure != null) throw new Fail(id != null ? "a module " + id : "a module", "none (" + loaded.failure + ")");
            return loaded;
        }

        // ---- actions ----

        /** The results of an action together with their types. */
        private final class Results {
            final long[] values;
            final List<ValType> types;

            Results(long[] values, List<ValType> types) {
                this.values = values;
                this.types = types;
            }

            @Override
            public String toString() {
                if (values.length == 0) return "()";
                StringBuilder sb = new StringBuilder();
                int slot = 0;
                for (ValType t : types) {
                    if (slot >= values.length) break;
                    if (slot > 0) sb.append(' ');
                    sb.append(t == ValType.V128 ? WastValue.describeV128(values[slot], values[slot + 1]) : WastValue.describe(values[slot], t));
                    slot += t.slots();
                }
                return sb.toString();
            }
        }

        Results perform(Map<String, Object> action) throws Skip, Fail {
            if (action == null) throw new Fail("an action", "a command without \"action\"");
            String kind = Json.string(action, "type");
            String field = Json.string(action, "field");
            List<WastValue> args = values(action, "args");
            Instance instance = target(Json.string(action, "module")).instance;
            Extern ext = instance.export(field);
            if ("get".equals(kind)) {
                if (!(ext instanceof GlobalInstance g)) throw new Fail("an exported global \"" + field + "\"", ext == null ? "none" : "a " + ext.kind().text);
                long[] value = g.type().type() == ValType.V128 ? new long[] {g.get(), g.high()} : new long[] {g.get()};
                return new Results(value, List.of(g.type().type()));
            }
            if (!"invoke".equals(kind)) throw new Fail("invoke or get", "action \"" + kind + "\"");
            if (!(ext instanceof FunctionInstance f)) throw new Fail("an exported function \"" + field + "\"", ext == null ? "none" : "a " + ext.kind().text);
            FuncType ft = f.type();
            if (ft.params().size() != args.size()) {
                throw new Fail(ft.params().size() + " arguments for \"" + field + "\"", String.valueOf(args.size()));
            }
            long[] raw = new long[ft.paramSlots()];
            int slot = 0;
            for (int i = 0; i < args.size(); i++) {
                WastValue a = args.get(i);
                if (a.isV128() != (ft.params().get(i) == ValType.V128)) {
                    throw new Fail("a " + ft.params().get(i) + " argument", a.toString());
                }
                a.writeBits(raw, slot);
                slot += a.slots();
            }
            long[] results = machine.invoke(f, raw);
            return new Results(results, ft.results());
        }

        void action(Map<String, Object> cmd) throws Skip, Fail {
            try {
                perform(Json.object(cmd, "action"));
            } catch (Trap t) {
                throw new Fail("no trap", got(t));
            }
        }

        void assertReturn(Map<String, Object> cmd) throws Skip, Fail {
            List<WastValue> expected = values(cmd, "expected");
            Results r;
            try {
                r = perform(Json.object(cmd, "action"));
            } catch (Trap t) {
                throw new Fail(show(expected), got(t));
            }
            int slots = 0;
            for (WastValue e : expected) slots += e.slots();
            boolean ok = r.values.length == slots;
            int at = 0;
            for (int i = 0; ok && i < expected.size(); i++) {
                ok = expected.get(i).matches(r.values, at);
                at += expected.get(i).slots();
            }
            if (!ok) throw new Fail(show(expected), r.toString());
        }

        void assertTrap(Map<String, Object> cmd) throws Skip, Fail {
            String text = Json.string(cmd, "text");
            String expected = "trap \"" + text + "\"";
            Results r;
            try {
                r = perform(Json.object(cmd, "action"));
            } catch (Trap t) {
                checkMessage(expected, t, text);
                return;
            }
            throw new Fail(expected, r.toString());
        }

        /** The action throws a wasm exception that nothing catches (exception handling). */
        void assertException(Map<String, Object> cmd) throws Skip, Fail {
            Results r;
            try {
                r = perform(Json.object(cmd, "action"));
            } catch (ThrownException e) {
                return;
            } catch (Trap t) {
                throw new Fail("an exception", got(t));
            }
            throw new Fail("an exception", r.toString());
        }

        // ---- module assertions ----

        void assertInvalid(Map<String, Object> cmd) throws Skip, Fail {
            String text = Json.string(cmd, "text");
            String expected = "invalid \"" + text + "\"";
            Module m;
            try {
                m = decode(cmd);
                Pipeline.validate(m);
            } catch (InvalidException e) {
                String filename = Json.string(cmd, "filename");
                String artifact = filename == null ? null : CONVERSION_ARTIFACTS.get(filename);
                if (artifact != null && e.getMessage() != null && e.getMessage().startsWith(artifact)) return;
                checkMessage(expected, e, text);
                return;
            } catch (MalformedException e) {
                throw new Fail(expected, got(e));
            }
            throw new Fail(expected, "a valid module");
        }

        void assertMalformed(Map<String, Object> cmd) throws Skip, Fail {
            String text = Json.string(cmd, "text");
            String expected = "malformed \"" + text + "\"";
            Module m;
            try {
                m = decode(cmd);
            } catch (MalformedException e) {
                checkMessage(expected, e, text);
                return;
            }
            try {
                Pipeline.validate(m);
            } catch (InvalidException e) {
                throw new Fail(expected, got(e));
            }
            throw new Fail(expected, "a valid module");
        }

        void assertUnlinkable(Map<String, Object> cmd) throws Skip, Fail {
            String text = Json.string(cmd, "text");
            String expected = "unlinkable \"" + text + "\"";
            CompiledModule module = compileForAssertion(cmd, expected);
            try {
                machine.instantiate(module, resolver);
            } catch (LinkException e) {
                checkMessage(expected, e, text);
                return;
            } catch (Trap e) {
                throw new Fail(expected, got(e));
            }
            throw new Fail(expected, "an instance");
        }

        void assertUninstantiable(Map<String, Object> cmd) throws Skip, Fail {
            String text = Json.string(cmd, "text");
            String expected = "trap \"" + text + "\" while instantiating";
            CompiledModule module = compileForAssertion(cmd, expected);
            try {
                machine.instantiate(module, resolver);
            } catch (Trap e) {
                checkMessage(expected, e, text);
                return;
            } catch (LinkException e) {
                throw new Fail(expected, got(e));
            }
            throw new Fail(expected, "an instance");
        }

        CompiledModule compileForAssertion(Map<String, Object> cmd, String expected) throws Skip, Fail {
            CompiledModule module;
            try {
                Module m = decode(cmd);
                Pipeline.validate(m);
                module = ModuleCompiler.compile(m);
            } catch (UnsupportedFeatureException e) {
                throw new Skip("unsupported: " + e.getMessage());
            } catch (MalformedException | InvalidException e) {
                throw new Fail(expected, got(e));
            }
            for (Import imp : module.module().imports()) {
                if (skippedRegistrations.contains(imp.module())) {
                    throw new Skip("imports from the skipped module \"" + imp.module() + "\"");
                }
            }
            return module;
        }

        /** Passes if the message starts with the expected text, else fails as a message mismatch. */
        void checkMessage(String expected, WasmException e, String text) throws Fail {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (text == null || message.startsWith(text)) return;
            String renamed = RENAMED_MESSAGES.get(text);
            if (renamed != null && message.startsWith(renamed)) return;
            throw new Fail(expected, got(e), true);
        }

        List<WastValue> values(Map<String, Object> obj, String key) {
            List<WastValue> list = new ArrayList<>();
            for (Map<String, Object> v : Json.objects(obj, key)) list.add(WastValue.of(v));
            return list;
        }
    }

    // ---- describing ----

    private static String got(WasmException e) {
        return e.kind() + " \"" + e.getMessage() + "\"";
    }

    private static String unexpected(Throwable e) {
        return "internal error " + e.getClass().getName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    private static String show(List<WastValue> values) {
        if (values.isEmpty()) return "()";
        StringBuilder sb = new StringBuilder();
        for (WastValue v : values) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(v);
        }
        return sb.toString();
    }

    /** What a command expects, in words, for reporting an internal error. */
    private static String expectation(String type, Map<String, Object> cmd) {
        String text = Json.string(cmd, "text");
        switch (type == null ? "" : type) {
            case "module": return "a module";
            case "register": return "a module";
            case "assert_return":
                try {
                    List<WastValue> values = new ArrayList<>();
                    for (Map<String, Object> v : Json.objects(cmd, "expected")) values.add(WastValue.of(v));
                    return show(values);
                } catch (RuntimeException e) {
                    return "values";
                }
            case "assert_trap":
            case "assert_exhaustion": return "trap \"" + text + "\"";
            case "assert_invalid": return "invalid \"" + text + "\"";
            case "assert_malformed": return "malformed \"" + text + "\"";
            case "assert_unlinkable": return "unlinkable \"" + text + "\"";
            case "assert_uninstantiable": return "trap \"" + text + "\" while instantiating";
            default: return "no internal error";
        }
    }

    /** The command in short: its type and what it acts on. */
    static String describe(String type, Map<String, Object> cmd) {
        StringBuilder sb = new StringBuilder(type == null ? "?" : type);
        String filename = Json.string(cmd, "filename");
        if (filename != null) sb.append(' ').append(filename);
        String name = Json.string(cmd, "name");
        if ("register".equals(type)) {
            sb.append(" \"").append(escape(Json.string(cmd, "as"))).append('"');
            if (name != null) sb.append(' ').append(name);
        } else if (name != null) {
            sb.append(' ').append(name);
        }
        Map<String, Object> action = Json.object(cmd, "action");
        if (action != null) {
            sb.append(" (").append(Json.string(action, "type"));
            String module = Json.string(action, "module");
            if (module != null) sb.append(' ').append(module);
            sb.append(" \"").append(escape(Json.string(action, "field"))).append('"');
            for (Map<String, Object> arg : Json.objects(action, "args")) {
                try {
                    sb.append(' ').append(WastValue.of(arg));
                } catch (RuntimeException e) {
                    sb.append(" ?");
                }
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** Names in the suite hold any Unicode; keep the line printable and on one line. */
    static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') sb.append('\\').append((char) c);
            else if (c < 0x20 || c == 0x7F || (c >= 0xD800 && c <= 0xDFFF)) sb.append(String.format("\\u{%x}", c));
            else sb.appendCodePoint(c);
        });
        return sb.toString();
    }
}
