package dev.lia.wasm.valid;

import dev.lia.wasm.syntax.BlockType;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;

/**
 * Short constructors of instructions for tests. Every instruction gets a fresh, increasing offset so
 * a test can tell which one an error points at.
 */
final class Ins {
    private static int next = 100;

    private Ins() {}

    private static synchronized int offset() {
        return next++;
    }

    static Instruction op(Opcode op) {
        return Instruction.of(op, offset());
    }

    static Instruction op(Opcode op, long a) {
        return Instruction.of(op, a, offset());
    }

    static Instruction op(Opcode op, long a, long b) {
        return Instruction.of(op, a, b, offset());
    }

    static Instruction i32(int v) {
        return op(Opcode.I32_CONST, v);
    }

    static Instruction i64(long v) {
        return op(Opcode.I64_CONST, v);
    }

    static Instruction f32() {
        return op(Opcode.F32_CONST, 0);
    }

    static Instruction f64() {
        return op(Opcode.F64_CONST, 0);
    }

    /** block/loop/if with a block type: "" empty, one letter a value type, or "#n" a type index. */
    static Instruction block(Opcode op, String type) {
        long bt;
        if (type.isEmpty()) bt = BlockType.EMPTY;
        else if (type.startsWith("#")) bt = Long.parseLong(type.substring(1));
        else bt = BlockType.of(ModuleBuilder.val(type.charAt(0)));
        return op(op, bt);
    }

    static Instruction end() {
        return op(Opcode.END);
    }

    static Instruction refNull(char type) {
        return op(Opcode.REF_NULL, ModuleBuilder.val(type).heap);
    }

    static Instruction brTable(int... labels) {
        return new Instruction(Opcode.BR_TABLE, 0, 0, 0, labels, null, offset());
    }

    static Instruction selectT(ValType... types) {
        int[] codes = new int[types.length];
        for (int i = 0; i < types.length; i++) codes[i] = types[i].code;
        return new Instruction(Opcode.SELECT_T, 0, 0, 0, codes, null, offset());
    }

    /** A load or store with the given log2 alignment and offset 0. */
    static Instruction mem(Opcode op, int align) {
        return op(op, align, 0);
    }
}
