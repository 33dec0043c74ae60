package dev.lia.wasm.compile;

/**
 * Opcodes of the flat internal code, a register-style form of WebAssembly: every operand is a
 * frame slot (an index relative to the frame pointer), so {@code local.get}, constants and
 * {@code drop} cost nothing at run time. A frame's slots are its locals (parameters first), then
 * its constants (filled in on entry), then the operand stack, one slot per stack height.
 *
 * <p>Numeric, memory and conversion instructions keep their one-byte WebAssembly opcode; the
 * 0xFC-prefixed ones become {@code 0xE0 + subopcode}; structured control becomes resolved jumps.
 * Operand layouts ({@code d} is the destination slot, {@code a}, {@code b}, {@code c} source slots):
 * <ul>
 *   <li>unary numeric and conversions: {@code OP d a}; binary numeric: {@code OP d a b}</li>
 *   <li>loads: {@code OP d address offset}; stores: {@code OP address value offset} (offset unsigned)</li>
 * </ul>
 * Every control transfer (branches, calls, returns) carries a fuel {@code cost} right after its
 * opcode: the number of WebAssembly instructions run since the previous transfer or label.
 *
 * <p><b>SIMD</b> has its own range, {@link #SIMD_BASE}..{@link #SIMD_END} (0x100..0x2FF), which no
 * other internal opcode uses: a tier that does not handle SIMD recognises such code by
 * {@link #isSimd}, and a function whose slots hold v128 halves at all (also without SIMD
 * instructions, e.g. passing on a v128 a call returned) by {@link CompiledFunction#usesSimd()}. A v128 value takes two consecutive slots (low 64 bits first), and a slot
 * operand that names a v128 names the first of the two. The 0xFD-prefixed instruction with
 * subopcode {@code sub} (relaxed SIMD included) is {@code SIMD_BASE + sub}, laid out as
 * {@code OP [d] sources... immediates...}: a destination if it has a result, its operands in
 * order, then its immediates: {@code offset} for loads and stores, {@code offset lane} for
 * load_lane and store_lane, {@code lane} for extract and replace, the 16 shuffle bytes as four
 * little-endian ints for {@code i8x16.shuffle}. {@code v128.const} emits nothing: it is a pair of
 * constant slots. Three more: {@link #V128_GLOBAL_GET}, {@link #V128_GLOBAL_SET} and
 * {@link #V128_SELECT}, as their scalar forms.
 */
public final class Op {
    private Op() {}

    public static final int UNREACHABLE = 0x00;
    /**
     * {@code STEP funcIndex instruction}: only in debug code, before every instruction; calls the
     * machine's debug hook with the function and the instruction's index in the side table.
     */
    public static final int STEP = 0x01;
    /** {@code BR cost target}. */
    public static final int BR = 0x02;
    /** {@code BR_MOVE cost target to from arity}: copy {@code arity} slots from {@code from} to {@code to}, then jump. */
    public static final int BR_MOVE = 0x03;
    /** {@code BR_IF cost cond target}: jump if slot {@code cond} is non-zero. */
    public static final int BR_IF = 0x04;
    /** {@code BR_IF_MOVE cost cond target to from arity}. */
    public static final int BR_IF_MOVE = 0x05;
    /** {@code BR_UNLESS cost cond target}: jump if slot {@code cond} is zero. */
    public static final int BR_UNLESS = 0x06;
    /** {@code BR_IF_RETURN cost cond count from}: return slots {@code from..} if {@code cond} is non-zero. */
    public static final int BR_IF_RETURN = 0x07;
    /** {@code COPY d a}. */
    public static final int COPY = 0x08;
    /** {@code RETURN_ONE cost a}: return the single value in slot {@code a}. */
    public static final int RETURN_ONE = 0x09;
    /** {@code FUEL cost}: charges the straight-line code that falls into a label. */
    public static final int FUEL = 0x0A;
    /**
     * {@code LOOP}: a loop's start, where its back edges land; charges nothing. The interpreter counts
     * it towards compiling the function, and moves the frame into compiled code here (each loop start
     * is an entry of the compiled method).
     */
    public static final int LOOP = 0x0C;
    /** {@code BR_TABLE cost index n (target to from arity){n+1}}: branch as BR_MOVE with entry min(index, n). */
    public static final int BR_TABLE = 0x0E;
    /** {@code RETURN cost count from}: the results are the {@code count} slots starting at {@code from}. */
    public static final int RETURN = 0x0F;
    /** {@code CALL cost funcIndex argBase}: the arguments are in slots from {@code argBase}; results land there. */
    public static final int CALL = 0x10;
    /** {@code CALL_INDIRECT cost typeIndex tableIndex elementSlot argBase}. */
    public static final int CALL_INDIRECT = 0x11;
    /**
     * {@code RETURN_CALL cost funcIndex argBase} (wasm's return_call): a wasm callee replaces the
     * current frame (its arguments move down to the frame's first slots), so tail calls run in
     * constant stack; a host callee is called as by {@code CALL}, and the {@code RETURN} the compiler
     * puts after the op returns its results.
     */
    public static final int RETURN_CALL = 0x12;
    /** {@code RETURN_CALL_INDIRECT cost typeIndex tableIndex elementSlot argBase}: as {@code RETURN_CALL}. */
    public static final int RETURN_CALL_INDIRECT = 0x13;

    /** The four call ops, 0x10..0x13: direct ones are even, tail calls are the upper two. */
    public static boolean isCall(int op) {
        return op >= CALL && op <= RETURN_CALL_INDIRECT;
    }

    /** {@code SELECT d a b cond}. */
    public static final int SELECT = 0x1B;
    /** {@code GLOBAL_GET d index}. */
    public static final int GLOBAL_GET = 0x23;
    /** {@code GLOBAL_SET index a}. */
    public static final int GLOBAL_SET = 0x24;
    /** {@code TABLE_GET d table index}. */
    public static final int TABLE_GET = 0x25;
    /** {@code TABLE_SET table index value}. */
    public static final int TABLE_SET = 0x26;
    public static final int I32_LOAD = 0x28;
    public static final int I64_LOAD32_U = 0x35;
    public static final int I32_STORE = 0x36;
    public static final int I64_STORE32 = 0x3E;
    /** {@code MEMORY_SIZE d}. */
    public static final int MEMORY_SIZE = 0x3F;
    /** {@code MEMORY_GROW d pages}. */
    public static final int MEMORY_GROW = 0x40;
    /** {@code REF_IS_NULL d a}. */
    public static final int REF_IS_NULL = 0xD1;
    /** {@code REF_FUNC d funcIndex}. */
    public static final int REF_FUNC = 0xD2;
    /** 0xE0..0xE7: the saturating truncations, 0xFC 0..7, as {@code OP d a}. */
    public static final int FC_BASE = 0xE0;
    /** {@code MEMORY_INIT dataIndex dst src n}. */
    public static final int MEMORY_INIT = 0xE8;
    /** {@code DATA_DROP dataIndex}. */
    public static final int DATA_DROP = 0xE9;
    /** {@code MEMORY_COPY dst src n}. */
    public static final int MEMORY_COPY = 0xEA;
    /** {@code MEMORY_FILL dst value n}. */
    public static final int MEMORY_FILL = 0xEB;
    /** {@code TABLE_INIT elemIndex tableIndex dst src n}. */
    public static final int TABLE_INIT = 0xEC;
    /** {@code ELEM_DROP elemIndex}. */
    public static final int ELEM_DROP = 0xED;
    /** {@code TABLE_COPY dstTable srcTable dst src n}. */
    public static final int TABLE_COPY = 0xEE;
    /** {@code TABLE_GROW d table init n}. */
    public static final int TABLE_GROW = 0xEF;
    /** {@code TABLE_SIZE d table}. */
    public static final int TABLE_SIZE = 0xF0;
    /** {@code TABLE_FILL table dst value n}. */
    public static final int TABLE_FILL = 0xF1;

    /**
     * 0xF2..0xFB: {@code BR_IF_I32_<cmp> cost a b target}, a compare fused with the branch on its result,
     * in the order eq, ne, lt_s, lt_u, gt_s, gt_u, le_s, le_u, ge_s, ge_u (that of opcodes 0x46..0x4F).
     */
    public static final int BR_IF_I32_EQ = 0xF2;
    public static final int BR_IF_I32_GE_U = 0xFB;

    /** First internal opcode of SIMD instructions: the 0xFD-prefixed instruction {@code sub} is {@code SIMD_BASE + sub}. */
    public static final int SIMD_BASE = 0x100;
    /** {@code V128_GLOBAL_GET d index}: a v128 global into slots d, d+1. */
    public static final int V128_GLOBAL_GET = 0x2F0;
    /** {@code V128_GLOBAL_SET index a}. */
    public static final int V128_GLOBAL_SET = 0x2F1;
    /** {@code V128_SELECT d a b cond}: selects a v128 (two slots). */
    public static final int V128_SELECT = 0x2F2;
    /** Last opcode of the SIMD range. */
    public static final int SIMD_END = 0x2FF;

    /** Whether internal opcode {@code op} is a SIMD one (its function uses v128 values). */
    public static boolean isSimd(int op) {
        return op >= SIMD_BASE && op <= SIMD_END;
    }

    /** The internal opcode of a SIMD instruction. */
    public static int simd(dev.lia.wasm.syntax.Opcode op) {
        return SIMD_BASE + (op.code - dev.lia.wasm.syntax.Opcode.PREFIX_FD);
    }

    /** Number of immediates (after the slot operands) of a SIMD instruction's internal code. */
    public static int simdImmediates(dev.lia.wasm.syntax.Opcode op) {
        return switch (op.imm) {
            case LANE -> 1;
            case MEMARG -> 3;      // offset low, offset high, memory
            case MEMARG_LANE -> 4; // offset low, offset high, memory, lane
            case SHUFFLE -> 4;
            default -> 0;
        };
    }

    /**
     * 0x300..0x306: memory instructions on a memory other than memory 0 (multi-memory) or on a
     * 64-bit memory (memory64), run by {@code exec.MemoryOps} outside the loop, so that the loop's
     * memory-0 code stays as it is. The WebAssembly opcode of a load or store is an operand; offsets
     * are u64, as two ints (low half first).
     */
    public static final int MEM_BASE = 0x300;
    /** {@code MEM_LOAD d wasmOp memory address offsetLo offsetHi}. */
    public static final int MEM_LOAD = 0x300;
    /** {@code MEM_STORE wasmOp memory address value offsetLo offsetHi}. */
    public static final int MEM_STORE = 0x301;
    /** {@code MEM_SIZE d memory}. */
    public static final int MEM_SIZE = 0x302;
    /** {@code MEM_GROW d memory pages}. */
    public static final int MEM_GROW = 0x303;
    /** {@code MEM_COPY dstMemory srcMemory dst src n}. */
    public static final int MEM_COPY = 0x304;
    /** {@code MEM_FILL memory dst value n}. */
    public static final int MEM_FILL = 0x305;
    /** {@code MEM_INIT dataIndex memory dst src n}. */
    public static final int MEM_INIT = 0x306;
    public static final int MEM_END = 0x306;

    /**
     * 0x310..0x312: exception handling, run by {@code exec.ExceptionOps} (the compiled tier leaves functions
     * with them to the interpreter). {@code TRY n end (kind tag target dest){n}} marks the start of a
     * try_table whose body ends at code position {@code end}, with its catch clauses in order: kind as
     * {@link dev.lia.wasm.syntax.Opcode#CATCH} .. {@code CATCH_ALL_REF}, the tag index, the position of the
     * label the clause branches to, and the slot where the label's values go (the tag's payload, then the
     * exnref). Run, it does nothing: a thrown exception looks its handlers up in the code.
     */
    public static final int TRY = 0x310;
    /** {@code THROW cost tagIndex argBase}: throws a new exception of the tag, its payload in the slots from {@code argBase}. */
    public static final int THROW = 0x311;
    /** {@code THROW_REF cost ref}: throws the exception slot {@code ref} refers to (null traps). */
    public static final int THROW_REF = 0x312;

    /** Whether internal opcode {@code op} is one of exception handling's. */
    public static boolean isException(int op) {
        return op >= TRY && op <= THROW_REF;
    }
    private static final int[] MEM_OPERANDS = {6, 6, 2, 3, 5, 4, 5};

    /**
     * 0x320..0x33F: typed references, i31 and casts (3.0), run by {@code exec.RefOps}; the compiled tier
     * leaves functions with them to the interpreter. {@code REF_TEST d a heap nullable} writes 1 if slot
     * {@code a} holds a value of {@code (ref null? heap)} (heap as {@code ValType#heap}: a type index of
     * the function's module or an abstract heap type), {@code REF_TEST_FAIL} the negation, {@code REF_CAST}
     * copies the value or traps. The rest are {@code OP d a} ({@code OP d a b} for {@code REF_EQ},
     * {@code I31_GET d a signed}). {@code call_ref} is {@link #CALL_INDIRECT} with table -1: the element
     * slot holds the function reference itself.
     */
    public static final int REF_BASE = 0x320;
    public static final int REF_EQ = 0x320;
    public static final int REF_AS_NON_NULL = 0x321;
    public static final int REF_I31 = 0x322;
    public static final int I31_GET = 0x323;
    public static final int ANY_CONVERT_EXTERN = 0x324;
    public static final int EXTERN_CONVERT_ANY = 0x325;
    public static final int REF_TEST = 0x326;
    public static final int REF_CAST = 0x327;
    public static final int REF_IS_NON_NULL = 0x328;
    public static final int REF_TEST_FAIL = 0x329;
    public static final int REF_END = 0x33F;
    /** 0x330..: GC (3.0), run by {@code exec.GcOps}; operands as each comment in GcOps says. */
    public static final int STRUCT_NEW = 0x330;
    public static final int STRUCT_NEW_DEFAULT = 0x331;
    public static final int STRUCT_GET = 0x332;
    public static final int STRUCT_SET = 0x333;
    public static final int ARRAY_NEW = 0x334;
    public static final int ARRAY_NEW_DEFAULT = 0x335;
    public static final int ARRAY_NEW_FIXED = 0x336;
    public static final int ARRAY_NEW_DATA = 0x337;
    public static final int ARRAY_NEW_ELEM = 0x338;
    public static final int ARRAY_GET = 0x339;
    public static final int ARRAY_SET = 0x33A;
    public static final int ARRAY_LEN = 0x33B;
    public static final int ARRAY_FILL = 0x33C;
    public static final int ARRAY_COPY = 0x33D;
    public static final int ARRAY_INIT_DATA = 0x33E;
    public static final int ARRAY_INIT_ELEM = 0x33F;
    private static final int[] REF_OPERANDS = {3, 2, 2, 3, 2, 2, 4, 4, 2, 4, -1, -1, -1, -1, -1, -1,
        3, 2, 5, 4, 4, 3, 4, 5, 5, 5, 4, 2, 5, 5, 6, 6};

    /** Whether internal opcode {@code op} is a GC op (see {@link #STRUCT_NEW}). */
    public static boolean isGc(int op) {
        return op >= STRUCT_NEW && op <= ARRAY_INIT_ELEM;
    }

    /** Whether internal opcode {@code op} is one of the reference ops (see {@link #REF_BASE}). */
    public static boolean isRef(int op) {
        return op >= REF_BASE && op <= REF_END;
    }

    /** The fused branch for i32 compare {@code cmp} (0x46..0x4F), or for its negation when {@code negate}. */
    public static int fusedBranch(int cmp, boolean negate) {
        int c = negate ? NEGATED[cmp - 0x46] : cmp;
        return BR_IF_I32_EQ + (c - 0x46);
    }

    // eq<->ne, lt_s<->ge_s, lt_u<->ge_u, gt_s<->le_s, gt_u<->le_u
    private static final int[] NEGATED = {0x47, 0x46, 0x4E, 0x4F, 0x4C, 0x4D, 0x4A, 0x4B, 0x48, 0x49};

    private static final int[] OPERANDS = new int[SIMD_END + 1];

    static {
        java.util.Arrays.fill(OPERANDS, -1);
        OPERANDS[UNREACHABLE] = 0;
        OPERANDS[STEP] = 2;
        OPERANDS[BR] = 2;
        OPERANDS[BR_MOVE] = 5;
        OPERANDS[BR_IF] = 3;
        OPERANDS[BR_IF_MOVE] = 6;
        OPERANDS[BR_UNLESS] = 3;
        OPERANDS[BR_IF_RETURN] = 4;
        OPERANDS[COPY] = 2;
        OPERANDS[RETURN_ONE] = 2;
        OPERANDS[FUEL] = 1;
        OPERANDS[LOOP] = 0;
        OPERANDS[RETURN] = 3;
        OPERANDS[CALL] = 3;
        OPERANDS[CALL_INDIRECT] = 5;
        OPERANDS[RETURN_CALL] = 3;
        OPERANDS[RETURN_CALL_INDIRECT] = 5;
        OPERANDS[SELECT] = 4;
        OPERANDS[GLOBAL_GET] = 2;
        OPERANDS[GLOBAL_SET] = 2;
        OPERANDS[TABLE_GET] = 3;
        OPERANDS[TABLE_SET] = 3;
        for (int op = I32_LOAD; op <= I64_STORE32; op++) OPERANDS[op] = 3;
        OPERANDS[MEMORY_SIZE] = 1;
        OPERANDS[MEMORY_GROW] = 2;
        OPERANDS[REF_IS_NULL] = 2;
        OPERANDS[REF_FUNC] = 2;
        for (int op = FC_BASE; op < FC_BASE + 8; op++) OPERANDS[op] = 2;
        OPERANDS[MEMORY_INIT] = 4;
        OPERANDS[DATA_DROP] = 1;
        OPERANDS[MEMORY_COPY] = 3;
        OPERANDS[MEMORY_FILL] = 3;
        OPERANDS[TABLE_INIT] = 5;
        OPERANDS[ELEM_DROP] = 1;
        OPERANDS[TABLE_COPY] = 5;
        OPERANDS[TABLE_GROW] = 4;
        OPERANDS[TABLE_SIZE] = 2;
        OPERANDS[TABLE_FILL] = 4;
        for (int op = 0x45; op <= 0xC4; op++) OPERANDS[op] = isUnary(op) ? 2 : 3;
        for (int op = BR_IF_I32_EQ; op <= BR_IF_I32_GE_U; op++) OPERANDS[op] = 4;
        for (dev.lia.wasm.syntax.Opcode op : dev.lia.wasm.syntax.Opcode.values()) {
            if (!op.isSimd() || op.imm == dev.lia.wasm.syntax.Opcode.Imm.V128) continue;
            OPERANDS[simd(op)] = op.results.size() + op.params.size() + simdImmediates(op);
        }
        OPERANDS[V128_GLOBAL_GET] = 2;
        OPERANDS[V128_GLOBAL_SET] = 2;
        OPERANDS[V128_SELECT] = 4;
    }

    /** Numeric instructions (0x45..0xC4) taking one operand: tests, unary ops, conversions. */
    public static boolean isUnary(int op) {
        return op == 0x45 || op == 0x50
                || (op >= 0x67 && op <= 0x69) || (op >= 0x79 && op <= 0x7B)
                || (op >= 0x8B && op <= 0x91) || (op >= 0x99 && op <= 0x9F)
                || (op >= 0xA7 && op <= 0xC4);
    }

    /** Number of int operands following the opcode at {@code pc}. */
    public static int operandCount(int[] code, int pc) {
        int op = code[pc];
        if (op >= MEM_BASE && op <= MEM_END) return MEM_OPERANDS[op - MEM_BASE];
        if (op == BR_TABLE) return 3 + 4 * (code[pc + 3] + 1);
        if (op == TRY) return 2 + 4 * code[pc + 1];
        if (op == THROW) return 3;
        if (op == THROW_REF) return 2;
        if (isRef(op) && REF_OPERANDS[op - REF_BASE] >= 0) return REF_OPERANDS[op - REF_BASE];
        int n = OPERANDS[op];
        if (n < 0) throw new IllegalArgumentException("unknown internal opcode " + op);
        return n;
    }
}
