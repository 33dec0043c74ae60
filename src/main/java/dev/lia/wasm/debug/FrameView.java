package dev.lia.wasm.debug;

import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.Instruction;

import java.util.List;

/**
 * One wasm frame of a stopped machine.
 *
 * @param level         0 for the innermost frame, 1 for its caller, and so on
 * @param function      the function
 * @param functionIndex its index in its module
 * @param functionName  its name (name section, export, or {@code func[N]})
 * @param byteOffset    the instruction the frame stands before; for a frame waiting on a call, that call
 * @param instruction   that instruction (null if the offset starts none: not seen in practice)
 * @param source        its source line (DWARF), or null
 * @param locals        the locals, parameters first
 * @param stack         the operand stack, bottom first (for a frame waiting on a call, without the call's arguments)
 * @param inCall        whether the frame waits on a call rather than standing before its instruction
 */
public record FrameView(int level, WasmFunction function, int functionIndex, String functionName, int byteOffset,
                        Instruction instruction, SourceLocation source, List<Variable> locals, List<DebugValue> stack, boolean inCall) {
    public FrameView {
        locals = List.copyOf(locals);
        stack = List.copyOf(stack);
    }

    public Instance instance() {
        return function.instance;
    }

    /** {@code name @0x1a2 (demo.c:14)}: as backtraces show a frame. */
    public String where() {
        return functionName + " @0x" + Integer.toHexString(byteOffset) + (source != null ? " (" + source.shortText() + ")" : "");
    }

    @Override
    public String toString() {
        return "#" + level + " " + where() + (instruction != null ? ": " + instruction.op.text : "");
    }
}
