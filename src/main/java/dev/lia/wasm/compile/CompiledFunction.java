package dev.lia.wasm.compile;

import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.ValType;

import java.util.Arrays;

/**
 * A function body lowered to flat internal code.
 *
 * @param index       the function's index in its module
 * @param type        its signature
 * @param localTypes  types of every local slot: parameters, then declared locals
 * @param constants   the values of the constant slots, which follow the locals
 * @param code        the internal code (see {@link Op})
 * @param frameSize   the most slots the frame ever uses: locals, constants and operands
 * @param pcs         for every reachable instruction in order, the code position where its code starts
 * @param offsets     the byte offset in the module of each of those instructions
 * @param heights     the operand-stack height before each of those instructions
 */
public record CompiledFunction(int index, FuncType type, ValType[] localTypes, long[] constants, int[] code, int frameSize,
                               int[] pcs, int[] offsets, int[] heights) {

    public int paramCount() {
        return type.params().size();
    }

    public int resultCount() {
        return type.results().size();
    }

    public int localCount() {
        return localTypes.length;
    }

    /** The first operand-stack slot, after the locals and the constants. */
    public int operandBase() {
        return localTypes.length + constants.length;
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

    /** The code position just after the call emitted for the instruction at {@code byteOffset}. */
    public int pcAfterCallAt(int byteOffset) {
        int i = markOf(byteOffset);
        int end = i + 1 < pcs.length ? pcs[i + 1] : code.length;
        for (int pc = pcs[i]; pc < end; pc += 1 + Op.operandCount(code, pc)) {
            if (code[pc] == Op.CALL || code[pc] == Op.CALL_INDIRECT) return pc + 1 + Op.operandCount(code, pc);
        }
        throw new IllegalArgumentException("no call instruction at byte offset " + byteOffset + " in function " + index);
    }
}
