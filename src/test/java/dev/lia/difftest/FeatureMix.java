package dev.lia.difftest;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;

import java.util.EnumSet;
import java.util.Set;

/** Which of the 3.0 features a module really uses, to count how many modules of a run exercised each. */
enum FeatureMix {
    SIMD, RELAXED_SIMD, TAIL_CALLS, EXCEPTIONS, GC, MULTI_MEMORY, MEMORY64;

    static Set<FeatureMix> of(byte[] bytes) {
        Module m = ModuleDecoder.decode(bytes);
        Set<FeatureMix> used = EnumSet.noneOf(FeatureMix.class);
        int memories = m.memories().size();
        boolean is64 = false;
        for (MemoryType t : m.memories()) is64 |= t.is64();
        for (Import i : m.imports()) {
            if (i.desc() instanceof Import.Memory mem) {
                memories++;
                is64 |= mem.type().is64();
            }
        }
        if (memories > 1) used.add(MULTI_MEMORY);
        if (is64) used.add(MEMORY64);
        for (FunctionBody body : m.codes()) {
            for (Instruction in : body.body().instructions()) {
                Opcode op = in.op;
                if (op.isSimd()) {
                    used.add(SIMD);
                    if (op.code - Opcode.PREFIX_FD >= 0x100) used.add(RELAXED_SIMD);
                }
                else if (op == Opcode.RETURN_CALL || op == Opcode.RETURN_CALL_INDIRECT || op == Opcode.RETURN_CALL_REF) used.add(TAIL_CALLS);
                else if (op == Opcode.TRY_TABLE || op == Opcode.THROW || op == Opcode.THROW_REF) used.add(EXCEPTIONS);
                else if (op.text.startsWith("struct.") || op.text.startsWith("array.")) used.add(GC);
            }
        }
        return used;
    }
}
