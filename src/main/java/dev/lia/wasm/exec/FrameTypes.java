package dev.lia.wasm.exec;

import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.valid.InstructionTyper;
import dev.lia.wasm.valid.ModuleContext;
import dev.lia.wasm.valid.TypeStack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value type of every slot of a suspended frame, for walks over the references a state holds. Slots
 * are untyped, so the types come from the code: a frame's locals have their declared types, its operand
 * stack the types the validator's algorithm gives at the frame's resume position (replayed over the body
 * up to it). Concrete heap types are indices into the types of the function's instance
 * ({@code ((WasmFunction) store.function(f.functionAddress())).instance.defTypes()}).
 */
public final class FrameTypes {
    private final Store store;
    private final Map<Module, ModuleContext> contexts = new IdentityHashMap<>();

    public FrameTypes(Store store) {
        this.store = store;
    }

    /**
     * One type per slot of {@code f}, locals then operands (a v128 takes two slots, both typed v128); a slot
     * the typing does not reach (unreachable code) is typed null, as a number would be.
     */
    public ValType[] of(MachineState.Frame f) {
        WasmFunction fn = (WasmFunction) store.function(f.functionAddress());
        ValType[] locals = fn.code().localTypes();
        int operands = f.slots().length - locals.length;
        ValType[] out = Arrays.copyOf(locals, f.slots().length);
        if (operands > 0) {
            ValType[] ops = operandTypes(fn, f.resumeOffset(), operands);
            System.arraycopy(ops, 0, out, locals.length, ops.length);
        }
        return out;
    }

    /** The slot types of the operand stack of {@code fn} before the instruction at {@code offset}: the first {@code count}. */
    ValType[] operandTypes(WasmFunction fn, int offset, int count) {
        Module m = fn.instance.module();
        ModuleContext ctx = contexts.computeIfAbsent(m, ModuleContext::of);
        int index = fn.code().index();
        FunctionBody body = m.codes().get(index - (ctx.funcCount() - m.functions().size()));
        InstructionTyper typer = new InstructionTyper(ctx, ctx.func(index, -1), body.locals());
        for (Instruction in : body.body().instructions()) {
            if (in.offset == offset) break;
            typer.step(in);
        }
        TypeStack stack = typer.stack();
        List<ValType> values = new ArrayList<>();
        for (int d = stack.height() - 1; d >= 0; d--) values.add(stack.peek(d));
        ValType[] slots = slotTypes(values);
        return Arrays.copyOf(slots, Math.min(count, slots.length));
    }

    /** One type per slot: a v128 takes two. */
    public static ValType[] slotTypes(List<ValType> values) {
        List<ValType> out = new ArrayList<>();
        for (ValType t : values) {
            out.add(t);
            if (t == ValType.V128) out.add(t);
        }
        return out.toArray(new ValType[0]);
    }
}
