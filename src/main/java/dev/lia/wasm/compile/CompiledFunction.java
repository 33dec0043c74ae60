package dev.lia.wasm.compile;

import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;

import java.util.Arrays;

/**
 * A function body lowered to flat internal code.
 *
 * @param index       the function's index in its module
 * @param type        its signature
 * @param localTypes  types of every local slot: parameters, then declared locals (a v128 local has two slots, both V128)
 * @param constants   the values of the constant slots, which follow the locals
 * @param code        the internal code (see {@link Op})
 * @param frameSize   the most slots the frame ever uses: locals, constants and operands
 * @param pcs         for every reachable instruction in order, the code position where its code starts
 * @param offsets     the byte offset in the module of each of those instructions
 * @param heights     the operand-stack height before each of those instructions, in slots
 * @param vectors     whether a v128 value ever sits on the function's operand stack (also one a call returns)
 */
public record CompiledFunction(int index, FuncType type, ValType[] localTypes, long[] constants, int[] code, int frameSize,
                               int[] pcs, int[] offsets, int[] heights, boolean vectors) {

    public CompiledFunction(int index, FuncType type, ValType[] localTypes, long[] constants, int[] code, int frameSize,
                            int[] pcs, int[] offsets, int[] heights) {
        this(index, type, localTypes, constants, code, frameSize, pcs, offsets, heights, false);
    }

    /** Slots of the parameters (a v128 takes two). */
    public int paramCount() {
        return type.paramSlots();
    }

    /** Slots of the results (a v128 takes two). */
    public int resultCount() {
        return type.resultSlots();
    }

    /**
     * Whether the function handles v128 values: a v128 parameter, result, local or operand (one a call
     * returns included), or a SIMD instruction (internal opcodes {@link Op#SIMD_BASE}..{@link Op#SIMD_END}). Its slots then include v128 halves (two
     * slots per value), so a tier that compiles slots by their wasm type should leave it to the interpreter.
     */
    public boolean usesSimd() {
        if (vectors || type.params().contains(ValType.V128) || type.results().contains(ValType.V128)) return true;
        for (ValType t : localTypes) if (t == ValType.V128) return true;
        for (int pc = 0; pc < code.length; pc += 1 + Op.operandCount(code, pc)) if (Op.isSimd(code[pc])) return true;
        return false;
    }

    /**
     * Whether the function uses exception handling (internal opcodes {@link Op#TRY}..{@link Op#THROW_REF}):
     * the compiled tier leaves such functions to the interpreter, which unwinds to their handlers.
     */
    public boolean usesExceptions() {
        for (int pc = 0; pc < code.length; pc += 1 + Op.operandCount(code, pc)) if (Op.isException(code[pc])) return true;
        return false;
    }

    /**
     * Whether the function makes a tail call ({@link Op#RETURN_CALL}, {@link Op#RETURN_CALL_INDIRECT}, the
     * latter with table -1 for {@code return_call_ref}): the compiled tier leaves such functions to the
     * interpreter, whose frames are data, so a tail-call loop runs in constant Java stack.
     */
    public boolean usesTailCalls() {
        for (int pc = 0; pc < code.length; pc += 1 + Op.operandCount(code, pc)) {
            if (code[pc] == Op.RETURN_CALL || code[pc] == Op.RETURN_CALL_INDIRECT) return true;
        }
        return false;
    }

    /** Whether execution can stop at {@code pc}: an instruction starts there. */
    public boolean startsInstruction(int pc) {
        return firstMarkAt(pc) >= 0;
    }

    public int localCount() {
        return localTypes.length;
    }

    /** The first operand-stack slot, after the locals and the constants. */
    public int operandBase() {
        return localTypes.length + constants.length;
    }

    /**
     * Whether the instructions know their byte offsets in the module's binary (a decoded module's
     * do, all past the 8-byte header; a module built or parsed from text has 0 for every one):
     * saved states name positions by them.
     */
    public boolean hasByteOffsets() {
        return offsets.length == 0 || offsets[0] > 0;
    }

    /** The index (in the side table) of the instruction whose code contains internal position {@code pc}, or -1. */
    public int instructionAt(int pc) {
        return lastMarkAtOrBefore(pc);
    }

    /** The byte offset of the instruction whose code contains internal position {@code pc}. */
    public int byteOffset(int pc) {
        int i = lastMarkAtOrBefore(pc);
        return i < 0 ? -1 : offsets[i];
    }

    private int lastMarkAtOrBefore(int pc) {
        int lo = 0;
        int hi = pcs.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (pcs[mid] <= pc) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The first instruction starting at {@code pc} (a position where execution can stop), or -1. */
    private int firstMarkAt(int pc) {
        int i = lastMarkAtOrBefore(pc);
        if (i < 0 || pcs[i] != pc) return -1;
        while (i > 0 && pcs[i - 1] == pc) i--;
        return i;
    }

    /** The byte offset of the next instruction to run when execution stands at {@code pc}. */
    public int offsetBefore(int pc) {
        int i = firstMarkAt(pc);
        if (i < 0) throw new IllegalStateException("no instruction starts at " + pc + " in function " + index);
        return offsets[i];
    }

    /** The operand-stack height when execution stands at {@code pc}, before the instruction there. */
    public int heightBefore(int pc) {
        int i = firstMarkAt(pc);
        if (i < 0) throw new IllegalStateException("no instruction starts at " + pc + " in function " + index);
        return heights[i];
    }

    /** {@link #heightBefore}, or -1 where no instruction starts (a position no stop can stand at). */
    public int heightIfStart(int pc) {
        int i = firstMarkAt(pc);
        return i < 0 ? -1 : heights[i];
    }

    private int markOf(int byteOffset) {
        for (int i = 0; i < offsets.length; i++) if (offsets[i] == byteOffset) return i;
        throw new IllegalArgumentException("no instruction at byte offset " + byteOffset + " in function " + index);
    }

    /** The code position where execution stands before the instruction at {@code byteOffset}. */
    public int pcBefore(int byteOffset) {
        return pcs[markOf(byteOffset)];
    }

    /** The byte offset of the call instruction whose code ends just before {@code pcAfterCall}. */
    public int callOffsetBefore(int pcAfterCall) {
        return byteOffset(pcAfterCall - 1);
    }

    /**
     * Whether execution can continue before the instruction at {@code byteOffset} from a frame that holds
     * the locals and exactly the WebAssembly operand stack (each operand in its home slot). Always true
     * for debug code. In fast code only where straight-line code begins: the entry, after a control
     * transfer (branch taken or not, call, return, fuel charge) and at jump targets (try_table catch
     * targets too: the unwinder lands there with the label's values in their home slots), the positions where
     * the machine stops out of fuel; elsewhere the code may keep operands in locals or may already have
     * written a result where a later instruction would. A debugger can pause anywhere, so a state it
     * paused mid-expression resumes only in debug code.
     */
    public boolean canResumeBefore(int byteOffset) {
        if (code.length > 0 && code[0] == Op.STEP) return true;
        int mark = markOf(byteOffset);
        int pc = pcs[mark];
        if (firstMarkAt(pc) != mark) return false;
        if (pc == 0) return true;
        for (int p = 0; p < code.length; p += 1 + Op.operandCount(code, p)) {
            int op = code[p];
            if (op == Op.TRY) { // a try_table's catch targets: a caught exception lands there as a branch does
                for (int k = 0; k < code[p + 1]; k++) if (code[p + 3 + 4 * k + 2] == pc) return true;
                continue;
            }
            boolean control = op == Op.BR || op == Op.BR_MOVE || op == Op.BR_IF || op == Op.BR_IF_MOVE
                    || op == Op.BR_UNLESS || op == Op.BR_IF_RETURN || op == Op.RETURN || op == Op.RETURN_ONE
                    || Op.isCall(op) || op == Op.FUEL || op == Op.BR_TABLE
                    || (op >= Op.BR_IF_I32_EQ && op <= Op.BR_IF_I32_GE_U);
            if (!control) continue;
            if (p + 1 + Op.operandCount(code, p) == pc) return true;
            switch (op) {
                case Op.BR, Op.BR_MOVE -> { if (code[p + 2] == pc) return true; }
                case Op.BR_IF, Op.BR_IF_MOVE, Op.BR_UNLESS -> { if (code[p + 3] == pc) return true; }
                case Op.BR_TABLE -> {
                    for (int e = 0; e <= code[p + 3]; e++) if (code[p + 4 + 4 * e] == pc) return true;
                }
                default -> {
                    if (op >= Op.BR_IF_I32_EQ && op <= Op.BR_IF_I32_GE_U && code[p + 4] == pc) return true;
                }
            }
        }
        return false;
    }

    /** The code position just after the call emitted for the instruction at {@code byteOffset}. */
    public int pcAfterCallAt(int byteOffset) {
        int i = markOf(byteOffset);
        int end = i + 1 < pcs.length ? pcs[i + 1] : code.length;
        for (int pc = pcs[i]; pc < end; pc += 1 + Op.operandCount(code, pc)) {
            if (Op.isCall(code[pc])) return pc + 1 + Op.operandCount(code, pc);
        }
        throw new IllegalArgumentException("no call instruction at byte offset " + byteOffset + " in function " + index);
    }
}
