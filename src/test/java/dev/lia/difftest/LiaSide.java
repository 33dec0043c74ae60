package dev.lia.difftest;

import dev.lia.wasm.Trap;
import dev.lia.wasm.WasmException;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.HostFunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Instantiator;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a differential case on Lia, in one of two ways that must agree: straight (every log import
 * answered inline, unlimited fuel), or stepped (fuel stops every {@code step} units and a
 * suspension at every log call, each followed by snapshot, a brand-new machine, and restore).
 */
final class LiaSide {
    private LiaSide() {}

    static final String LOG_MODULE = "fuzzing-support";

    /** Events as the V8 runner prints them. {@code step <= 0} runs straight. */
    static List<String> run(byte[] bytes, List<Call> calls, long step) {
        return run(bytes, calls, step, step > 0);
    }

    /** {@code yielding}: the log imports suspend the machine (each call then moves to a fresh machine). */
    static List<String> run(byte[] bytes, List<Call> calls, long step, boolean yielding) {
        return run(bytes, calls, step, yielding, new Tier[] {Tier.INTERP});
    }

    /**
     * In the given tiers: the first runs everything; a stepped run moves to a machine of the next
     * tier at every stop (round robin), so stops fall inside compiled code and resume in either tier.
     */
    static List<String> run(byte[] bytes, List<Call> calls, long step, boolean yielding, Tier[] tiers) {
        List<String> events = new ArrayList<>();
        CompiledModule compiled;
        try {
            compiled = Pipeline.load(bytes);
        } catch (WasmException e) {
            events.add("invalid " + e.kind() + ": " + e.getMessage());
            return events;
        }
        Store store = new Store();
        boolean stepped = yielding;
        // what JavaScript throws into wasm (throw(0), and the TypeError of a v128 crossing to JavaScript): an
        // exception of V8's JSTag (its payload the JavaScript value, here a non-null externref), which a module
        // catches with catch_all or by importing it as jstag; throw(x) for x != 0 throws the harness's wasmtag
        dev.lia.wasm.runtime.TagInstance js = store.tag(new FuncType(List.of(ValType.EXTERNREF), List.of()));
        dev.lia.wasm.runtime.TagInstance wasmTag = store.tag(new FuncType(List.of(ValType.I32), List.of()));
        Map<String, HostFunctionInstance> logs = new HashMap<>();
        for (ValType t : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64)) {
            String name = "log-" + t.text;
            FuncType type = new FuncType(List.of(t), List.of());
            logs.put(name, stepped ? store.yieldingFunction(name, type) : store.hostFunction(name, type, (caller, args) -> {
                events.add("log " + Call.valueText(t, args[0]));
                return new long[0];
            }));
        }
        // binaryen 132's other imports, answered as the V8 runner answers them (see v8-runner.js)
        // (each with the type the module declares for it; __fuzz_import's globals are null references)
        Map<String, dev.lia.wasm.runtime.Extern> fuzzImports = new HashMap<>();
        for (dev.lia.wasm.syntax.Import imp : compiled.module().imports()) {
            if (imp.module().equals(LOG_MODULE) && imp.desc() instanceof dev.lia.wasm.syntax.Import.Func f) {
                String name = imp.name();
                FuncType type = compiled.module().types().get(f.typeIndex());
                if (HARNESS.contains(name)) {
                    logs.put(name, stepped ? store.yieldingFunction(name, type)
                            : store.hostFunction(name, type, (caller, args) -> answer(name, args, store, js, wasmTag)));
                } else if (isRefLog(name, type)) { // log-anyref, log-funcref, log-externref: as the number logs
                    logs.put(name, stepped ? store.yieldingFunction(name, type) : store.hostFunction(name, type, (caller, args) -> {
                        events.add("log " + Call.valueText(type.params().get(0), args[0]));
                        return new long[0];
                    }));
                }
            } else if (imp.module().equals(LOG_MODULE) && imp.name().equals("jstag")) {
                fuzzImports.put("jstag", js);
            } else if (imp.module().equals(LOG_MODULE) && imp.name().equals("wasmtag")) {
                fuzzImports.put("wasmtag", wasmTag);
            } else if (imp.module().equals(FUZZ_IMPORT) && imp.desc() instanceof dev.lia.wasm.syntax.Import.Global g) {
                long value = fuzzGlobal(g.type().type()).equals("extern") ? GLOBAL_EXTERN : 0;
                fuzzImports.put(imp.name(), new dev.lia.wasm.runtime.GlobalInstance(g.type(), value));
            }
        }
        Driver driver = new Driver(store, step, yielding, events, tiers, js, wasmTag);
        Instance instance;
        try {
            instance = Instantiator.instantiate(store, compiled,
                    (m, n) -> m.equals(LOG_MODULE) ? (logs.containsKey(n) ? logs.get(n) : fuzzImports.get(n))
                            : m.equals(FUZZ_IMPORT) ? fuzzImports.get(n) : null);
            int start = compiled.module().start();
            if (start >= 0) driver.call(instance.function(start), new long[0]);
        } catch (Trap t) {
            events.add("instantiate " + trapClass(t, bytes));
            return events;
        } catch (dev.lia.wasm.runtime.ThrownException x) {
            events.add("instantiate " + exceptionClass(x, js));
            return events;
        } catch (Unsaveable u) { // in the start function
            events.add("unsaveable: " + u.getMessage());
            return events;
        } catch (WasmException e) {
            events.add("instantiate " + e.kind() + ": " + e.getMessage());
            return events;
        }
        for (Call c : calls) {
            events.add("call " + c.name());
            FunctionInstance f = instance.exportedFunction(c.name());
            try {
                long[] r = driver.call(f, c.args());
                StringBuilder sb = new StringBuilder("ret");
                for (int i = 0; i < r.length; i++) sb.append(' ').append(Call.valueText(c.results().get(i), r[i]));
                events.add(sb.toString());
            } catch (Trap t) {
                events.add(trapClass(t, bytes));
            } catch (dev.lia.wasm.runtime.ThrownException x) {
                events.add(exceptionClass(x, js));
            } catch (Unsaveable u) {
                events.add("unsaveable: " + u.getMessage());
                return events;
            }
        }
        return events;
    }

    /**
     * The harness imports besides the logs: {@code throw(i32)} throws a JavaScript exception;
     * {@code log-v128} cannot reach JavaScript (V8 throws a TypeError); {@code call-export},
     * {@code call-export-catch} and {@code sleep} are answered without calling back into wasm
     * (nothing, 0, the id), the same on both sides. Re-entrant calls are not exercised here.
     */
    static final java.util.Set<String> HARNESS = java.util.Set.of("log-v128", "throw", "call-export", "call-export-catch",
            "call-ref", "call-ref-catch", "sleep", "table-get", "table-set");

    /** The module binaryen 132 imports globals from, e.g. {@code extern$}: given the same values on both sides. */
    static final String FUZZ_IMPORT = "__fuzz_import";

    /** A binaryen 132 log import of a reference ({@code log-anyref}, {@code log-funcref}, {@code log-externref}). */
    static boolean isRefLog(String name, FuncType type) {
        return name.startsWith("log-") && type.params().size() == 1 && type.params().get(0).isRef() && type.results().isEmpty();
    }

    /**
     * The value of a {@code __fuzz_import} global as the V8 runner is told it: {@code null} for a
     * nullable reference, {@code extern} (one JavaScript object, here {@link #GLOBAL_EXTERN}) for a
     * non-null externref, the type's zero for a number.
     */
    static String fuzzGlobal(ValType t) {
        if (!t.isRef()) return t.text;
        return t.nullable ? "null" : t.heap == ValType.EXTERN ? "extern" : "unsupported:" + t.text;
    }

    /** The non-null externref of the {@code __fuzz_import} globals: a host value apart from {@link #JS_VALUE}. */
    static final long GLOBAL_EXTERN = dev.lia.wasm.runtime.Ref.extern(2);

    /** A harness import's results, or the JavaScript exception it throws. */
    static long[] answer(String name, long[] args, Store store, dev.lia.wasm.runtime.TagInstance js, dev.lia.wasm.runtime.TagInstance wasmTag) {
        return switch (name) {
            case "log-v128" -> throw new dev.lia.wasm.runtime.ThrownException(store, js, JS_VALUE);
            case "throw" -> throw (int) args[0] == 0 ? new dev.lia.wasm.runtime.ThrownException(store, js, JS_VALUE)
                    : new dev.lia.wasm.runtime.ThrownException(store, wasmTag, args[0]);
            case "table-get" -> new long[] {0}; // a null funcref
            case "table-set" -> new long[0];
            case "call-export", "call-ref" -> new long[0];
            case "call-export-catch", "call-ref-catch" -> new long[] {0};
            case "sleep" -> new long[] {args[1]};
            default -> throw new IllegalStateException("no harness import " + name);
        };
    }

    /** The payload of a JavaScript exception as wasm sees it through jstag: some non-null externref. */
    static final long JS_VALUE = dev.lia.wasm.runtime.Ref.extern(1);

    /** An exception no wasm code caught: JavaScript's (the harness tag) or one of a module's tags. */
    static String exceptionClass(dev.lia.wasm.runtime.ThrownException x, dev.lia.wasm.runtime.TagInstance js) {
        return x.tag() == js ? "exception:js" : "exception:wasm";
    }

    /**
     * The class of a trap, as V8's messages allow telling them apart: V8 says "float unrepresentable
     * in integer range" both for a NaN and for an out-of-range value, so a truncation's "integer
     * overflow" (found by the opcode at the trap's offset) counts as a float-to-int trap.
     */
    static String trapClass(Trap t, byte[] module) {
        String m = t.getMessage();
        if (m.startsWith("invalid conversion to integer")) return "trap:float-to-int";
        if (m.startsWith("integer overflow") && !t.backtrace().isEmpty()) {
            int at = t.backtrace().get(0).byteOffset();
            int op = at >= 0 && at < module.length ? module[at] & 0xFF : -1;
            if (op >= 0xA8 && op <= 0xB1) return "trap:float-to-int";
        }
        if (m.startsWith("unreachable")) return "trap:unreachable";
        if (m.startsWith("out of bounds memory access")) return "trap:memory";
        if (m.startsWith("integer divide by zero")) return "trap:div0";
        if (m.startsWith("integer overflow")) return "trap:overflow";
        if (m.startsWith("undefined element") || m.startsWith("uninitialized element")
                || m.startsWith("indirect call type mismatch") || m.startsWith("out of bounds table access")) return "trap:table";
        if (m.startsWith("call stack exhausted")) return "trap:stack";
        if (m.startsWith("null exception reference")) return "trap:null-exnref"; // throw_ref of null
        // GC and typed function references (V8: "illegal cast", "dereferencing a null pointer", ...)
        if (m.startsWith("cast failure")) return "trap:cast";
        if (m.startsWith("null ")) return "trap:null"; // null reference, null structure/array/i31/function reference
        if (m.startsWith("out of bounds array access")) return "trap:array";
        // an implementation's limit: Lia's GC heap (Store.GC_HEAP_SLOTS), V8's largest array length
        if (m.startsWith("resource limit exceeded")) return "trap:resource-limit";
        return "trap:other:" + m;
    }

    /** A stepped run stopped where Lia cannot save the state (an exnref in a table or global): not a difference. */
    static final class Unsaveable extends RuntimeException {
        Unsaveable(String message) {
            super(message, null, false, false);
        }
    }

    /** Calls functions, straight or with every stop moved to a fresh machine. */
    private static final class Driver {
        private final Store store;
        private final long step;
        private final boolean yielding;
        private final List<String> events;
        private final Tier[] tiers;
        private final dev.lia.wasm.runtime.TagInstance js;
        private final dev.lia.wasm.runtime.TagInstance wasmTag;
        private int turn;
        private Machine machine;

        Driver(Store store, long step, boolean yielding, List<String> events, Tier[] tiers, dev.lia.wasm.runtime.TagInstance js,
               dev.lia.wasm.runtime.TagInstance wasmTag) {
            this.js = js;
            this.wasmTag = wasmTag;
            this.store = store;
            this.step = step;
            this.yielding = yielding;
            this.events = events;
            this.tiers = tiers;
            this.machine = new Machine(store);
            machine.setTier(tiers[0]);
        }

        long[] call(FunctionInstance f, long[] args) {
            if (!yielding && step <= 0) return machine.invoke(f, args);
            if (f instanceof HostFunctionInstance h) {
                if (!yielding) return machine.invoke(f, args); // a log import exported again
                if (HARNESS.contains(h.name())) return answer(h.name(), args, store, js, wasmTag);
                events.add("log " + Call.valueText(h.type().params().get(0), args[0]));
                return new long[0];
            }
            machine.setFuel(step > 0 ? step : Machine.UNLIMITED);
            machine.start(f, args);
            MachineOutcome o = machine.run();
            while (true) {
                if (o instanceof MachineOutcome.Done d) return d.results();
                if (o instanceof MachineOutcome.HostCall hc) {
                    String name = hc.function().name();
                    long[] results;
                    if (HARNESS.contains(name)) {
                        try {
                            results = answer(name, hc.args(), store, js, wasmTag);
                        } catch (dev.lia.wasm.runtime.ThrownException x) {
                            move();
                            o = machine.resumeThrowing(x);
                            continue;
                        }
                    } else {
                        events.add("log " + Call.valueText(hc.function().type().params().get(0), hc.args()[0]));
                        results = new long[0];
                    }
                    move();
                    o = machine.resume(results);
                } else {
                    move();
                    machine.addFuel(step);
                    o = machine.run();
                }
            }
        }

        /** Snapshot, a brand-new machine over the same store, restore, same fuel. */
        private void move() {
            MachineState state;
            try {
                state = machine.snapshot();
            } catch (IllegalStateException e) { // a stop where Lia cannot save the state
                if (Boolean.getBoolean("lia.difftest.trace")) e.printStackTrace();
                throw new Unsaveable(e.getMessage());
            }
            long fuel = machine.fuel();
            machine = new Machine(store);
            machine.setTier(tiers[++turn % tiers.length]);
            machine.restore(state);
            machine.setFuel(fuel);
        }
    }
}
