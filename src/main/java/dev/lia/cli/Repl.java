package dev.lia.cli;

import dev.lia.script.vm.Binding;
import dev.lia.wasm.InvalidException;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.MalformedException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.debug.Backtraces;
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
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.spec.Spectest;
import dev.lia.wasm.spec.ValueText;
import dev.lia.wasm.spec.WastValue;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.ScriptAction;
import dev.lia.wasm.text.ScriptCommand;
import dev.lia.wasm.text.ScriptValue;
import dev.lia.wasm.text.TextFormatException;
import dev.lia.wasm.text.TextModules;
import dev.lia.wasm.text.WastParser;
import dev.lia.wasm.valid.Validator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state and evaluation of {@code lia repl}: spec script commands against a store, with results
 * printed as {@code VALUE : TYPE}. Every error is printed and the REPL goes on.
 *
 * <p>Input that is not a script command ({@link ReplInput#scriptCommand}) goes to the
 * {@link StatementHandler}: Lia statements ({@link ReplStatements}, which {@code lia repl} installs).
 */
final class Repl {
    /** Evaluates input that is not a script command; gets the REPL to act on its current module. */
    interface StatementHandler {
        void eval(String statement, Repl repl);

        /** Whether an entry waits for an answer: then every entry goes to the handler, script commands too. */
        default boolean blocked() {
            return false;
        }
    }

    /** Without a handler: statements are not understood. */
    static final StatementHandler NO_STATEMENTS = (s, repl) ->
            repl.err.println("error: not a script command; Lia statements are not supported yet");

    private final PrintWriter out;
    private final PrintWriter err;
    private final Store store = new Store();
    private final Machine machine = new Machine(store);
    private final Map<String, Map<String, Extern>> registry = new HashMap<>();
    private final Map<String, Instance> named = new HashMap<>();
    private Instance current;
    private StatementHandler statements = NO_STATEMENTS;

    Repl(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        registry.put(Spectest.NAME, Spectest.create(store, line -> {
            out.println(line);
            out.flush();
        }));
    }

    void statements(StatementHandler handler) {
        this.statements = handler;
    }

    /** The instance commands without a module name act on, or null. */
    Instance current() {
        return current;
    }

    Store store() {
        return store;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Machine machine() {
        return machine;
    }

    /** Makes an already decoded module the current one (the MODULE argument of {@code lia repl}). */
    /**
     * Loads the starting module from the file {@code name}, named {@code $STEM} ({@code demo.wasm}: {@code $demo}) so
     * that {@code (invoke $demo "f")} reaches it after another module is defined.
     */
    void load(Module m, String name) {
        try {
            // the starting module's function imports that nothing registered provides (demo.wasm's env.random) are answered
            // by Lia: a handler of an entry (on env.random() ...), or .answer when the entry blocks on them; modules defined
            // in the session link as the spec says (assert_unlinkable)
            current = instantiate(m, Binding.imports(store, m));
            String id = "$" + name.replaceFirst("\\.(wasm|wat)$", "").replaceAll("[^A-Za-z0-9_.\\-]", "_");
            named.put(id, current);
            out.println("module " + id + " (" + name + "): " + exportSummary(current));
        } catch (WasmException e) {
            err.println(describe(e));
        }
        out.flush();
    }

    /** Evaluates one entry: script commands, or a statement. */
    void eval(String input) {
        String text = input.strip();
        if (text.isEmpty() || text.startsWith(";;")) return;
        try {
            if (!ReplInput.scriptCommand(text) || statements.blocked()) {
                statements.eval(text, this);
                return;
            }
            List<ScriptCommand> commands;
            try {
                commands = WastParser.parse("input", text);
            } catch (TextFormatException e) {
                err.println((e.line() > 0 ? "input:" : "error: ") + e.located()); // placed in the entry, as invalid modules and Lia are
                return;
            }
            for (ScriptCommand c : commands) execute(c);
        } catch (RuntimeException | StackOverflowError e) {
            err.println("internal error: " + e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void execute(ScriptCommand c) {
        try {
            if (c instanceof ScriptCommand.DefineModule d) {
                Instance i;
                try { // malformed text placed in the entry, as invalid modules are
                    dev.lia.wasm.text.WastModule w = (dev.lia.wasm.text.WastModule) d.module();
                    if (w.form() == dev.lia.wasm.text.WastModule.Form.BINARY) w.binary();
                    else w.module();
                } catch (TextFormatException e) {
                    err.println((e.line() > 0 ? "input:" + e.line() + ":" + e.column() + ": " : "") + "malformed: " + e.getMessage());
                    return;
                }
                try {
                    i = instantiate(TextModules.decode(d.module()));
                } catch (InvalidException e) { // with the place in the entry, as malformed text has it
                    String at = ((dev.lia.wasm.text.WastModule) d.module()).invalidAt(e.getMessage());
                    err.println((at != null ? "input:" + at + ": " : "") + describe(e));
                    return;
                }
                current = i;
                if (d.module().id() != null) named.put(d.module().id(), i);
                out.println("module" + (d.module().id() != null ? " " + d.module().id() : "") + ": " + exportSummary(i));
            } else if (c instanceof ScriptCommand.Register r) {
                registry.put(r.as(), target(r.module()).exports());
            } else if (c instanceof ScriptCommand.Action a) {
                Results r = perform(a.action());
                int slot = 0;
                for (ValType t : r.types) {
                    String text = t == ValType.V128 ? ValueText.formatV128(r.values[slot], r.values[slot + 1])
                            : ValueText.format(r.values[slot], t, store);
                    out.println(text + " : " + t);
                    slot += t.slots();
                }
            } else if (c instanceof ScriptCommand.AssertReturn a) {
                Results r = perform(a.action());
                List<WastValue> want = new ArrayList<>();
                for (ScriptValue v : a.expected()) want.add(WastValue.of(v.toJson()));
                boolean ok = r.values.length == want.stream().mapToInt(WastValue::slots).sum();
                int at = 0;
                for (int k = 0; ok && k < want.size(); k++) {
                    ok = want.get(k).matches(r.values, at);
                    at += want.get(k).slots();
                }
                List<String> expected = new ArrayList<>();
                for (ScriptValue v : a.expected()) expected.add(v.toString());
                report(ok, expected.isEmpty() ? "()" : String.join(" ", expected), r.toString());
            } else if (c instanceof ScriptCommand.AssertTrap a) {
                try {
                    Results r = perform(a.action());
                    report(false, "trap \"" + a.text() + "\"", r.toString());
                } catch (Trap t) {
                    report(t.getMessage().startsWith(a.text()), "trap \"" + a.text() + "\"", "trap \"" + t.getMessage() + "\"");
                }
            } else if (c instanceof ScriptCommand.AssertModule a) {
                assertModule(a);
            }
        } catch (Trap t) { // with the wasm backtrace (names and byte offsets)
            err.println(Backtraces.format(t, null));
            if (t instanceof dev.lia.wasm.exec.NoDriverTrap) {
                err.println("  (in the REPL, Lia answers the imports nothing registered provides: call the export from a Lia entry,"
                        + " which a handler `on module.name(...) -> ... { ... }` answers, or which blocks until .answer)");
            }
        } catch (WasmException e) {
            err.println(describe(e));
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
        }
    }

    private void assertModule(ScriptCommand.AssertModule a) {
        String kind = switch (a.failure()) {
            case MALFORMED -> "malformed";
            case INVALID -> "invalid";
            case UNLINKABLE -> "unlinkable";
            case UNINSTANTIABLE -> "trap";
        };
        String expected = kind + " \"" + a.text() + "\"";
        try {
            instantiate(TextModules.decode(a.module()));
            report(false, expected, "an instance");
        } catch (WasmException e) {
            report(e.kind().equals(kind) && e.getMessage().startsWith(a.text()), expected, e.kind() + " \"" + e.getMessage() + "\"");
        }
    }

    private void report(boolean ok, String expected, String got) {
        if (ok) out.println("ok");
        else out.println("failed: expected " + expected + ", got " + got);
    }

    private Instance instantiate(Module m) {
        return instantiate(m, ImportResolver.NONE);
    }

    /** Instantiates, linking the registered modules' exports, then {@code fallback} for the rest. */
    private Instance instantiate(Module m, ImportResolver fallback) {
        Validator.validate(m);
        CompiledModule compiled = ModuleCompiler.compile(m);
        return machine.instantiate(compiled, (module, name) -> {
            Map<String, Extern> exports = registry.get(module);
            Extern e = exports == null ? null : exports.get(name);
            return e != null ? e : fallback.resolve(module, name);
        });
    }

    private Instance target(String id) {
        Instance i = id != null ? named.get(id) : current;
        if (i == null) throw new IllegalArgumentException(id != null ? "no module " + id : "no module defined yet");
        return i;
    }

    private record Results(long[] values, List<ValType> types) {
        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            int slot = 0;
            for (ValType t : types) {
                if (slot >= values.length) break;
                parts.add(t == ValType.V128 ? WastValue.describeV128(values[slot], values[slot + 1]) : WastValue.describe(values[slot], t));
                slot += t.slots();
            }
            return parts.isEmpty() ? "()" : String.join(" ", parts);
        }
    }

    private Results perform(ScriptAction a) {
        Instance instance = target(a.module());
        Extern ext = instance.export(a.field());
        if (a.kind().equals("get")) {
            if (!(ext instanceof GlobalInstance g)) throw new IllegalArgumentException("no exported global \"" + a.field() + "\"");
            long[] value = g.type().type() == ValType.V128 ? new long[] {g.get(), g.high()} : new long[] {g.get()};
            return new Results(value, List.of(g.type().type()));
        }
        if (!(ext instanceof FunctionInstance f)) throw new IllegalArgumentException("no exported function \"" + a.field() + "\"");
        FuncType type = f.type();
        if (type.params().size() != a.args().size()) {
            throw new IllegalArgumentException("\"" + a.field() + "\" takes " + type.params().size() + " arguments, got " + a.args().size());
        }
        long[] args = new long[type.paramSlots()];
        int slot = 0;
        for (int k = 0; k < a.args().size(); k++) {
            ScriptValue v = a.args().get(k);
            if (v.type() != type.params().get(k)) {
                throw new IllegalArgumentException("argument " + (k + 1) + " of \"" + a.field() + "\" is " + type.params().get(k) + ", not " + v.type());
            }
            WastValue w = WastValue.of(v.toJson());
            w.writeBits(args, slot);
            slot += w.slots();
        }
        return new Results(machine.invoke(f, args), type.results());
    }

    private static String exportSummary(Instance i) {
        List<String> names = new ArrayList<>(i.exports().keySet());
        names.sort(null);
        return names.isEmpty() ? "no exports" : "exports " + String.join(", ", names);
    }

    private static String describe(WasmException e) {
        if (e instanceof MalformedException || e instanceof InvalidException || e instanceof LinkException
                || e instanceof UnsupportedFeatureException) {
            return e.kind() + ": " + e.getMessage();
        }
        if (e instanceof Trap) return "trap: " + e.getMessage();
        return e.kind() + ": " + e.getMessage();
    }
}
