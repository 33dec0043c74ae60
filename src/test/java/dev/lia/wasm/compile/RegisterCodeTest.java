package dev.lia.wasm.compile;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineState;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.ImportResolver;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.text.TextFormat;
import dev.lia.wasm.valid.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register-style compiler's tricks (virtual operands, results retargeted into locals, fused
 * compares, dead code) on small functions, each run straight and with a fuel stop at every
 * control transfer where the machine moves to a fresh {@link Machine} through its state.
 */
class RegisterCodeTest {
    private static final String MODULE = """
            (module
              ;; local.set after a drop must take the value below the dropped one
              (func (export "set_after_drop") (param i32) (result i32) (local i32)
                (local.get 0) (i32.const 7) (i32.add)
                (i32.const 1) (i32.const 2) (i32.add) (drop)
                (local.set 1) (local.get 1))
              (func (export "tee_after_drop") (param i32) (result i32) (local i32)
                (local.get 0) (i32.const 3) (i32.mul)
                (i32.const 5) (i32.const 6) (i32.mul) (drop)
                (local.tee 1) (local.get 1) (i32.add))
              ;; an operand reading a local that is overwritten before it is used
              (func (export "stale_local") (param i32) (result i32)
                (local.get 0) (i32.const 100) (local.set 0) (local.get 0) (i32.sub))
              ;; joins after an if whose branches end in unconditional branches
              (func (export "join") (param i32) (result i32)
                (block $out (result i32)
                  (if (result i32) (local.get 0)
                    (then (i32.const 10) (br $out))
                    (else (i32.const 20)))
                  (i32.const 1) (i32.add)))
              (func (export "join_else_dead") (param i32) (result i32)
                (if (result i32) (local.get 0)
                  (then (i32.const 10))
                  (else (return (i32.const 99))))
                (i32.const 5) (i32.add))
              ;; a loop with fused compares counting down, summing
              (func (export "sum") (param i32) (result i32) (local i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.le_s (local.get 0) (i32.const 0)))
                    (local.set 1 (i32.add (local.get 1) (local.get 0)))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br $next)))
                (local.get 1))
              (func $pair (param i32) (result i32 i32) (local.get 0) (i32.const 1) (i32.add) (local.get 0))
              ;; values left on the stack across a call
              (func (export "across_call") (param i32) (result i32)
                (local.get 0) (call $pair (local.get 0)) (i32.sub) (i32.add))
              (func (export "table") (param i32) (result i32)
                (block $b (result i32)
                  (block $a (result i32)
                    (i32.const 100) (local.get 0) (br_table $a $b 1 (local.get 0)))
                  (i32.const 1) (i32.add)))
            )
            """;

    private static CompiledModule compiled() {
        // through the binary format: positions in saved states are byte offsets, which text lacks
        Module m = ModuleDecoder.decode(ModuleEncoder.encode(TextFormat.parseModule(MODULE)));
        Validator.validate(m);
        return ModuleCompiler.compile(m);
    }

    private static long call(String export, int arg, boolean stepped) {
        Store store = new Store();
        Machine machine = new Machine(store);
        Instance inst = machine.instantiate(compiled(), ImportResolver.NONE);
        if (!stepped) return machine.invoke(inst.exportedFunction(export), arg)[0];
        machine.setFuel(1);
        machine.start(inst.exportedFunction(export), arg);
        MachineOutcome outcome = machine.run();
        int stops = 0;
        while (outcome instanceof MachineOutcome.OutOfFuel) {
            assertThat(stops).as("stops in " + export).isLessThan(10_000);
            MachineState state = machine.snapshot();
            machine = new Machine(store);
            machine.restore(state);
            machine.setFuel(1);
            outcome = machine.run();
            stops++;
        }
        return ((MachineOutcome.Done) outcome).results()[0];
    }

    private static void check(String export, int arg, long expected) {
        assertThat(call(export, arg, false)).as(export + "(" + arg + ")").isEqualTo(expected);
        assertThat(call(export, arg, true)).as(export + "(" + arg + ") stepped").isEqualTo(expected);
    }

    @Test
    void localSetAndTeeAfterADropTakeTheRightValue() {
        check("set_after_drop", 5, 12);
        check("tee_after_drop", 5, 30);
    }

    @Test
    void operandsReadingALocalSurviveItsOverwrite() {
        check("stale_local", 150, 50);
    }

    @Test
    void joinsAfterDeadBranches() {
        check("join", 1, 10);
        check("join", 0, 21);
        check("join_else_dead", 1, 15);
        check("join_else_dead", 0, 99);
    }

    @Test
    void loopsCallsAndTables() {
        check("sum", 100, 5050);
        check("across_call", 9, 10); // 9 + (10 - 9)
        check("table", 0, 1);
        check("table", 1, 1);
        check("table", 5, 5);
    }
}
