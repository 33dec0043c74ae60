package dev.lia.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.WasmException;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.exec.Tier;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Instantiator;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.valid.Validator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for the compiled tier: every module that decodes and validates runs each export in the
 * interpreter and with every function compiled, straight and on a small fuel budget with a move to a
 * fresh machine of the other tier at every stop. What happens (results, traps with their backtraces,
 * the states at the stops, the memories at the end) must be the same. In {@code mvn test} it replays
 * {@code src/test/resources/dev/lia/fuzz/TierFuzzTestInputs/}.
 */
class TierFuzzTest {
    private static final long FUEL = 20_000;
    private static final long STEP = 97;

    @FuzzTest(maxDuration = "2m")
    void compiledMatchesInterpreter(byte[] bytes) {
        CompiledModule first;
        Module m;
        try {
            m = ModuleDecoder.decode(bytes, WasmFuzzTest.LIMITS.decoding());
            Validator.validate(m);
            first = ModuleCompiler.compile(m);
        } catch (WasmException e) {
            return; // the decoder and validator have a target of their own
        }
        List<String> interp = run(first, new Tier[] {Tier.INTERP}, 0);
        List<String> compiled = run(ModuleCompiler.compile(m), new Tier[] {Tier.COMPILED}, 0);
        if (!compiled.equals(interp)) throw new AssertionError("compiled tier differs: " + firstDifference(interp, compiled));
        List<String> slicedInterp = run(first, new Tier[] {Tier.INTERP}, STEP);
        List<String> moving = run(ModuleCompiler.compile(m), new Tier[] {Tier.COMPILED, Tier.INTERP}, STEP);
        if (!moving.equals(slicedInterp)) throw new AssertionError("sliced runs differ: " + firstDifference(slicedInterp, moving));
    }

    private static String firstDifference(List<String> expected, List<String> actual) {
        int i = 0;
        while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) i++;
        return "event " + i + ": interpreter " + (i < expected.size() ? expected.get(i) : "(none)")
                + ", compiled " + (i < actual.size() ? actual.get(i) : "(none)");
    }

    /** Every export with zero arguments; with {@code step > 0} the fuel comes in slices and each stop moves machines. */
    private static List<String> run(CompiledModule compiled, Tier[] tiers, long step) {
        List<String> events = new ArrayList<>();
        Store store = new Store(WasmFuzzTest.LIMITS);
        Machine machine = new Machine(store);
        machine.setTier(tiers[0]);
        Instance instance;
        try {
            instance = Instantiator.instantiate(store, compiled, ImportResolver.NONE);
        } catch (LinkException | Trap | dev.lia.wasm.runtime.ThrownException e) {
            events.add("instantiate " + e.getMessage());
            return events;
        }
        List<FunctionInstance> calls = new ArrayList<>();
        if (compiled.module().start() >= 0) calls.add(instance.function(compiled.module().start()));
        for (Export e : compiled.module().exports()) {
            if (e.kind() == ExternKind.FUNC && instance.function(e.index()) instanceof WasmFunction f) calls.add(f);
        }
        int turn = 0;
        for (FunctionInstance f : calls) {
            long budget = FUEL;
            machine.setFuel(step > 0 ? step : FUEL);
            budget -= step > 0 ? step : FUEL;
            try {
                machine.start(f, new long[f.type().params().size()]);
                MachineOutcome o = machine.run();
                while (o instanceof MachineOutcome.OutOfFuel && budget > 0) {
                    MachineState state = machine.snapshot();
                    events.add("stop " + state.frames().size() + " " + state.hashCode());
                    long fuel = machine.fuel();
                    machine = dev.lia.testutil.FreshMachine.resumeIn(store, tiers[++turn % tiers.length], state, fuel);
                    machine.addFuel(step);
                    budget -= step;
                    o = machine.run();
                }
                if (o instanceof MachineOutcome.Done d) events.add("done " + Arrays.toString(d.results()));
                else {
                    events.add("out of fuel");
                    machine.abort();
                }
            } catch (Trap t) {
                events.add("trap " + t.getMessage() + " " + t.backtrace());
            } catch (dev.lia.wasm.runtime.ThrownException x) { // a wasm exception nothing caught
                events.add("exception " + Arrays.toString(x.payload()));
            }
        }
        for (int i = 0; i < instance.memoryCount(); i++) events.add("memory " + Arrays.hashCode(instance.memory(i).bytes()));
        for (int i = 0; i < instance.globalCount(); i++) events.add("global " + instance.global(i).get());
        return events;
    }
}
