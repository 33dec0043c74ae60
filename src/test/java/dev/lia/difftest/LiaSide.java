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
        Map<String, HostFunctionInstance> logs = new HashMap<>();
        for (ValType t : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64)) {
            String name = "log-" + t.text;
            FuncType type = new FuncType(List.of(t), List.of());
            logs.put(name, stepped ? store.yieldingFunction(name, type) : store.hostFunction(name, type, (caller, args) -> {
                events.add("log " + Call.valueText(t, args[0]));
                return new long[0];
            }));
        }
        Driver driver = new Driver(store, step, yielding, events, tiers);
        Instance instance;
        try {
            instance = Instantiator.instantiate(store, compiled, (m, n) -> m.equals(LOG_MODULE) ? logs.get(n) : null);
            int start = compiled.module().start();
            if (start >= 0) driver.call(instance.function(start), new long[0]);
        } catch (Trap t) {
            events.add("instantiate " + trapClass(t, bytes));
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
            }
        }
        return events;
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
        return "trap:other:" + m;
    }

    /** Calls functions, straight or with every stop moved to a fresh machine. */
    private static final class Driver {
        private final Store store;
        private final long step;
        private final boolean yielding;
        private final List<String> events;
        private final Tier[] tiers;
        private int turn;
        private Machine machine;

        Driver(Store store, long step, boolean yielding, List<String> events, Tier[] tiers) {
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
                events.add("log " + Call.valueText(h.type().params().get(0), args[0]));
                return new long[0];
            }
            machine.setFuel(step > 0 ? step : Machine.UNLIMITED);
            machine.start(f, args);
            MachineOutcome o = machine.run();
            while (true) {
                if (o instanceof MachineOutcome.Done d) return d.results();
                if (o instanceof MachineOutcome.HostCall hc) {
                    events.add("log " + Call.valueText(hc.function().type().params().get(0), hc.args()[0]));
                    move();
                    o = machine.resume(new long[0]);
                } else {
                    move();
                    machine.addFuel(step);
                    o = machine.run();
                }
            }
        }

        /** Snapshot, a brand-new machine over the same store, restore, same fuel. */
        private void move() {
            MachineState state = machine.snapshot();
            long fuel = machine.fuel();
            machine = new Machine(store);
            machine.setTier(tiers[++turn % tiers.length]);
            machine.restore(state);
            machine.setFuel(fuel);
        }
    }
}
