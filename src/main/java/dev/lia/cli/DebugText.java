package dev.lia.cli;

import dev.lia.wasm.debug.DebugValue;
import dev.lia.wasm.debug.FrameView;
import dev.lia.wasm.spec.ValueText;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.WatPrinter;

/**
 * What {@code lia debug} prints of the debugger's views: instructions in the text format and values
 * as every command prints them. The debugger itself hands out syntax and raw bits only, so it sits
 * below the text format and the script runner in the pipeline.
 */
public final class DebugText {
    private DebugText() {}

    /** {@code local.get $n}, {@code i32.add}: the frame's next instruction (its call, if it waits on one), or "?". */
    public static String instruction(FrameView frame) {
        return instruction(frame.instance().module(), frame.functionIndex(), frame.instruction());
    }

    /** An instruction of function {@code funcIndex} of {@code module} with the module's names, or "?" for null. */
    public static String instruction(Module module, int funcIndex, Instruction in) {
        return in == null ? "?" : WatPrinter.instruction(module, funcIndex, in);
    }

    /** Integers in signed decimal, floats exactly, references as {@code null} or {@code ref.func N}, v128 as i32x4 lanes. */
    public static String value(DebugValue v) {
        if (v.type() == ValType.V128) return ValueText.formatV128(v.bits(), v.high());
        return v.type() == null ? "0x" + Long.toHexString(v.bits()) : ValueText.format(v.bits(), v.type());
    }
}
