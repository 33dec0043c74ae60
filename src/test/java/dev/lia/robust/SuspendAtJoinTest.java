package dev.lia.robust;

import dev.lia.wasm.compile.CompiledModule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Found by the differential test (binaryen seed 24, fuel step 1): a fuel stop where a taken
 * {@code if} branch joins the code after an {@code if ... else ... end} whose {@code else} ended in
 * an unconditional branch. The snapshot described the stop as "before the end" with the height of
 * the dead else-branch, so the if's result was dropped and the restored machine computed with
 * whatever its fresh stack held.
 */
class SuspendAtJoinTest {
    private static final String MODULE = """
            (module
              (func (export "f") (param i32) (result i32) (local i32)
                (block $b
                  (if (result i32) (local.get 0)
                    (then (i32.const 7))
                    (else (br $b)))
                  (i32.const 1)
                  (i32.add)
                  (local.set 1))
                (local.get 1)))
            """;

    @Test
    void everyStopResumesOnAFreshMachineWithTheSameResult() {
        CompiledModule module = Stepping.wat(MODULE);
        for (long arg : new long[] {0, 1}) {
            long[] expected = Stepping.straight(module, "f", arg);
            for (long step = 1; step <= 12; step++) {
                assertThat(Stepping.stepped(module, "f", step, arg)).as("f(%d), step %d", arg, step).containsExactly(expected);
            }
        }
    }

    @Test
    void theSameAfterAnIfWhoseThenBranchEndsInABranch() {
        CompiledModule module = Stepping.wat("""
                (module
                  (func (export "f") (param i32) (result i32) (local i32)
                    (block $b
                      (if (result i32) (local.get 0)
                        (then (br $b))
                        (else (i32.const 7)))
                      (i32.const 1)
                      (i32.add)
                      (local.set 1))
                    (local.get 1)))
                """);
        for (long arg : new long[] {0, 1}) {
            long[] expected = Stepping.straight(module, "f", arg);
            for (long step = 1; step <= 12; step++) {
                assertThat(Stepping.stepped(module, "f", step, arg)).as("f(%d), step %d", arg, step).containsExactly(expected);
            }
        }
    }

    @Test
    void theSameAtTheStartOfAnElseWithParametersAfterADeadThenBranch() {
        CompiledModule module = Stepping.wat("""
                (module
                  (type $t (func (param i32) (result i32)))
                  (func (export "f") (param i32) (result i32) (local i32)
                    (block $b
                      (i32.const 5)
                      (if (type $t) (param i32) (result i32) (local.get 0)
                        (then (drop) (br $b))
                        (else (i32.const 1) (i32.add)))
                      (local.set 1))
                    (local.get 1)))
                """);
        for (long arg : new long[] {0, 1}) {
            long[] expected = Stepping.straight(module, "f", arg);
            for (long step = 1; step <= 12; step++) {
                assertThat(Stepping.stepped(module, "f", step, arg)).as("f(%d), step %d", arg, step).containsExactly(expected);
            }
        }
    }
}
