package dev.lia.wasm.compile;

/**
 * Opcodes of the flat internal code. Numeric, memory and constant instructions keep their one-byte
 * WebAssembly opcode; the 0xFC-prefixed ones become {@code 0xE0 + subopcode}; structured control
 * becomes resolved jumps. Operands follow the opcode inline in the {@code int[]} code.
 *
 * <p>Heights are slot indices relative to the frame pointer: slot 0 is the first parameter,
 * locals follow, then the operand stack.
 */
public final class Op {
    private Op() {}

    public static final int UNREACHABLE = 0x00;
    /** {@code BR target}: jump; the stack is already right. */
    public static final int BR = 0x02;
    /** {@code BR_MOVE target base arity}: keep the top {@code arity} values at {@code base}, then jump. */
    public static final int BR_MOVE = 0x03;
    /** {@code BR_IF target}: pop an i32, jump if non-zero. */
    public static final int BR_IF = 0x04;
    /** {@code BR_IF_MOVE target base arity}: pop an i32; if non-zero, move as BR_MOVE and jump. */
    public static final int BR_IF_MOVE = 0x05;
    /** {@code BR_UNLESS target}: pop an i32, jump if zero (the {@code if} instruction). */
    public static final int BR_UNLESS = 0x06;
    /** {@code BR_IF_RETURN}: pop an i32, return if non-zero. */
    public static final int BR_IF_RETURN = 0x07;
    /** {@code BR_TABLE n (target base arity){n+1}}: pop an index, then branch as BR_MOVE with entry min(index, n). */
    public static final int BR_TABLE = 0x0E;
    /** {@code RETURN}: the top results become the frame's results. */
    public static final int RETURN = 0x0F;
    /** {@code CALL funcIndex}. */
    public static final int CALL = 0x10;
    /** {@code CALL_INDIRECT typeIndex tableIndex}. */
    public static final int CALL_INDIRECT = 0x11;
    public static final int DROP = 0x1A;
    public static final int SELECT = 0x1B;
    /** {@code LOCAL_GET slot}, {@code LOCAL_SET slot}, {@code LOCAL_TEE slot}. */
    public static final int LOCAL_GET = 0x20;
    public static final int LOCAL_SET = 0x21;
    public static final int LOCAL_TEE = 0x22;
    /** {@code GLOBAL_GET index}, {@code GLOBAL_SET index}. */
    public static final int GLOBAL_GET = 0x23;
    public static final int GLOBAL_SET = 0x24;
    /** {@code TABLE_GET table}, {@code TABLE_SET table}. */
    public static final int TABLE_GET = 0x25;
    public static final int TABLE_SET = 0x26;
    // 0x28..0x3E loads and stores: {@code OP offset} (the memarg offset, an unsigned 32-bit value)
    public static final int I32_LOAD = 0x28;
    public static final int I64_STORE32 = 0x3E;
    public static final int MEMORY_SIZE = 0x3F;
    public static final int MEMORY_GROW = 0x40;
    /** {@code I32_CONST value}, {@code F32_CONST bits}. */
    public static final int I32_CONST = 0x41;
    /** {@code I64_CONST low high}, {@code F64_CONST low high}. */
    public static final int I64_CONST = 0x42;
    public static final int F32_CONST = 0x43;
    public static final int F64_CONST = 0x44;
    // 0x45..0xC4 numeric instructions, no operands
    public static final int REF_NULL = 0xD0;
    public static final int REF_IS_NULL = 0xD1;
    /** {@code REF_FUNC funcIndex}. */
    public static final int REF_FUNC = 0xD2;
    /** 0xE0..0xE7: the saturating truncations, 0xFC 0..7. */
    public static final int FC_BASE = 0xE0;
    /** {@code MEMORY_INIT dataIndex}. */
    public static final int MEMORY_INIT = 0xE8;
    /** {@code DATA_DROP dataIndex}. */
    public static final int DATA_DROP = 0xE9;
    public static final int MEMORY_COPY = 0xEA;
    public static final int MEMORY_FILL = 0xEB;
    /** {@code TABLE_INIT elemIndex tableIndex}. */
    public static final int TABLE_INIT = 0xEC;
    /** {@code ELEM_DROP elemIndex}. */
    public static final int ELEM_DROP = 0xED;
    /** {@code TABLE_COPY dstTable srcTable}. */
    public static final int TABLE_COPY = 0xEE;
    /** {@code TABLE_GROW table}, {@code TABLE_SIZE table}, {@code TABLE_FILL table}. */
    public static final int TABLE_GROW = 0xEF;
    public static final int TABLE_SIZE = 0xF0;
    public static final int TABLE_FILL = 0xF1;

    /** Number of int operands following each opcode (BR_TABLE is variable: see {@link #BR_TABLE}). */
    public static int operandCount(int op, int[] code, int pc) {
        switch (op) {
            case BR: case BR_IF: case BR_UNLESS: case CALL: case LOCAL_GET: case LOCAL_SET: case LOCAL_TEE:
            case GLOBAL_GET: case GLOBAL_SET: case TABLE_GET: case TABLE_SET: case I32_CONST: case F32_CONST:
            case REF_FUNC: case MEMORY_INIT: case DATA_DROP: case ELEM_DROP: case TABLE_GROW: case TABLE_SIZE:
            case TABLE_FILL:
                return 1;
            case CALL_INDIRECT: case I64_CONST: case F64_CONST: case TABLE_INIT: case TABLE_COPY:
                return 2;
            case BR_MOVE: case BR_IF_MOVE:
                return 3;
            case BR_TABLE:
                return 1 + 3 * (code[pc + 1] + 1);
            default:
                return op >= I32_LOAD && op <= I64_STORE32 ? 1 : 0;
        }
    }
}
