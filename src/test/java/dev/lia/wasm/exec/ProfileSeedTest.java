package dev.lia.wasm.exec;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.valid.Validator;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The profile seed is a valid module that uses every instruction the machine runs (all but SIMD). */
class ProfileSeedTest {
    @Test
    void theSeedIsValidAndUsesEveryInstructionTheMachineRuns() {
        Module m = ModuleDecoder.decode(ProfileSeed.module());
        Validator.validate(m);
        Set<Opcode> used = EnumSet.noneOf(Opcode.class);
        for (var f : m.codes()) collect(f.body().instructions(), used);
        Set<Opcode> missing = EnumSet.noneOf(Opcode.class);
        for (Opcode op : Opcode.values()) if (!op.isSimd() && !used.contains(op)) missing.add(op);
        assertThat(missing).as("instructions the seed does not use").isEmpty();
    }

    private static void collect(java.util.List<Instruction> body, Set<Opcode> used) {
        for (Instruction i : body) used.add(i.op);
    }

    @Test
    void seedingRunsOnceAndLeavesNothingBehind() {
        ProfileSeed.ensure();
        ProfileSeed.ensure();
        Machine m = new Machine(new dev.lia.wasm.runtime.Store());
        assertThat(m.store().instances()).isEmpty();
        assertThat(m.isActive()).isFalse();
    }
}
