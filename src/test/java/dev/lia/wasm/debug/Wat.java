package dev.lia.wasm.debug;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.text.TextFormat;
import dev.lia.wasm.valid.Validator;

import java.util.ArrayList;
import java.util.List;

/** Test modules from the text format, decoded from their binary so instructions have byte offsets. */
final class Wat {
    private Wat() {}

    static Module module(String text) {
        Module m = ModuleDecoder.decode(ModuleEncoder.encode(TextFormat.parseModule(text)));
        Validator.validate(m);
        return m;
    }

    /** Byte offsets of the instructions with this opcode in function {@code funcIndex}, in order. */
    static List<Integer> offsets(Module m, int funcIndex, Opcode op) {
        DebugInfo info = DebugInfo.of(m);
        List<Integer> out = new ArrayList<>();
        for (Instruction in : info.instructions(funcIndex)) if (in.op == op) out.add(in.offset);
        return out;
    }

    static int offset(Module m, int funcIndex, Opcode op) {
        return offsets(m, funcIndex, op).get(0);
    }
}
