package dev.lia.wasm.valid;

import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;

import java.util.List;

/**
 * One entry of the control stack: a block, loop, if/else, or the function body itself (opcode
 * {@link Opcode#BLOCK}). {@code height} is the operand stack height at entry, below the block's params.
 */
public final class ControlFrame {
    public final Opcode opcode;
    public final List<ValType> startTypes;
    public final List<ValType> endTypes;
    public final int height;
    boolean unreachable;
    /** How many non-defaultable locals were set when the frame began (see {@link TypeStack#initialize}). */
    int initHeight;

    ControlFrame(Opcode opcode, List<ValType> startTypes, List<ValType> endTypes, int height) {
        this.opcode = opcode;
        this.startTypes = startTypes;
        this.endTypes = endTypes;
        this.height = height;
    }

    /** What a branch to this frame carries: a loop's params (it jumps back), else the results. */
    public List<ValType> labelTypes() {
        return opcode == Opcode.LOOP ? startTypes : endTypes;
    }

    /** True once the rest of the frame is dead code (after br, return, unreachable, ...). */
    public boolean unreachable() {
        return unreachable;
    }
}
