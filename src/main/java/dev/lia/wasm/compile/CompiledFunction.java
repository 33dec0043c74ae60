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
 * @param pcs         internal code positions of instruction starts, ascending
 * @param offsets     the module byte offset of the WebAssembly instruction each {@code pcs} entry came from
 */
public record CompiledFunction(int index, FuncType type, ValType[] localTypes, long[] constants, int[] code, int frameSize,
                               int[] pcs, int[] offsets) {

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

    /** The byte offset in the module of the instruction at or before internal position {@code pc}. */
    public int byteOffset(int pc) {
        int i = Arrays.binarySearch(pcs, pc);
        if (i < 0) i = -i - 2;
        return i < 0 ? -1 : offsets[i];
    }

    /** The byte offset of the call instruction whose code ends just before {@code pcAfterCall}. */
    public int callOffsetBefore(int pcAfterCall) {
        return byteOffset(pcAfterCall - 1);
    }

    /** The code position just after the call emitted for the instruction at {@code byteOffset}. */
    public int pcAfterCallAt(int byteOffset) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != byteOffset) continue;
            int end = i + 1 < pcs.length ? pcs[i + 1] : code.length;
            for (int pc = pcs[i]; pc < end; pc += 1 + Op.operandCount(code, pc)) {
                if (code[pc] == Op.CALL || code[pc] == Op.CALL_INDIRECT) return pc + 1 + Op.operandCount(code, pc);
            }
        }
        throw new IllegalArgumentException("no call instruction at byte offset " + byteOffset + " in function " + index);
    }
}
