package dev.lia.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.binary.DecodeLimits;
import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Limits;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.valid.Validator;

/**
 * Fuzz target for the binary side: arbitrary bytes through decoder, validator, compiler and a short
 * metered run of every export. In {@code mvn test} they replay the
 * saved inputs under {@code src/test/resources/dev/lia/fuzz/WasmFuzzTestInputs/}; see
 * {@code docs/security.md} for the command that fuzzes.
 */
class WasmFuzzTest {
    /** Small limits, so a fuzzed module cannot make a single input slow or large. */
    static final Limits LIMITS = new Limits(16, 10_000, 500, 1 << 16,
            new DecodeLimits(1 << 20, 10_000, 10_000, 100_000));
    private static final long FUEL = 20_000;

    /**
     * Arbitrary bytes through the decoder, then (if they decode) the validator, the compiler and a
     * short metered run of every export: one target for the whole binary pipeline, so that fuzzing
     * time is not split between targets whose first step is the same.
     */
    @FuzzTest(maxDuration = "2m")
    void pipeline(byte[] bytes) {
        Expected.rejectionOnly(() -> {
            Module m = ModuleDecoder.decode(bytes, LIMITS.decoding());
            Validator.validate(m);
            CompiledModule compiled = ModuleCompiler.compile(m);
            run(compiled);
        });
    }

    /** Instantiates without imports and calls every exported function with zero arguments, on a little fuel. */
    private static void run(CompiledModule compiled) {
        Machine machine = new Machine(new Store(LIMITS));
        machine.setFuel(FUEL);
        Instance instance;
        try {
            instance = Instantiator.instantiate(machine, compiled);
        } catch (LinkException | Trap e) {
            return;
        }
        if (instance == null) return;
        for (Export e : compiled.module().exports()) {
            if (e.kind() != ExternKind.FUNC) continue;
            FunctionInstance f = instance.function(e.index());
            if (!(f instanceof dev.lia.wasm.runtime.WasmFunction)) continue;
            long[] args = new long[f.type().paramSlots()]; // a v128 is two slots
            try {
                machine.start(f, args);
                MachineOutcome outcome = machine.run();
                if (outcome instanceof MachineOutcome.OutOfFuel) machine.abort();
                else if (!(outcome instanceof MachineOutcome.Done)) throw new AssertionError("unexpected outcome " + outcome);
            } catch (Trap | dev.lia.wasm.runtime.ThrownException t) {
                // a trap, or a wasm exception nothing catches, ends the activation
            }
            machine.setFuel(FUEL);
        }
    }

    /** Instantiation with its start function run on the fuel budget; null if the start function ran out. */
    private static final class Instantiator {
        static Instance instantiate(Machine machine, CompiledModule compiled) {
            Instance instance = dev.lia.wasm.runtime.Instantiator.instantiate(machine.store(), compiled, ImportResolver.NONE);
            int start = compiled.module().start();
            if (start < 0) return instance;
            machine.start(instance.function(start));
            MachineOutcome outcome;
            try {
                outcome = machine.run();
            } catch (dev.lia.wasm.runtime.ThrownException x) { // an exception out of the start function
                return null;
            }
            if (outcome instanceof MachineOutcome.OutOfFuel) {
                machine.abort();
                return null;
            }
            return instance;
        }
    }
}
