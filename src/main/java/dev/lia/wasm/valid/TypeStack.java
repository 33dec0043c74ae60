package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.types.DefType;
import dev.lia.wasm.types.Subtyping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The operand and control stacks of the spec's validation algorithm (appendix "Validation Algorithm").
 * A {@code null} operand type is the algorithm's Unknown: a value conjured in unreachable code, which
 * matches any type. Errors are reported at {@link #at}, the offset of the instruction being checked.
 */
public final class TypeStack {
    private ValType[] vals = new ValType[16];
    private int size;
    private final ArrayList<ControlFrame> ctrls = new ArrayList<>();
    /** Byte offset that errors are reported at; the typer sets it before each instruction. */
    int at = -1;
    /** The module's canonical types, for subtyping (3.0); empty when no concrete reference types occur. */
    DefType[] types = new DefType[0];
    /** Non-defaultable locals set so far, in the order they were first set (3.0 local initialization). */
    private long[] inits = new long[8];
    private int initCount;
    private final java.util.Set<Long> initialized = new java.util.HashSet<>();

    public void push(ValType t) {
        if (size == vals.length) vals = Arrays.copyOf(vals, size * 2);
        vals[size++] = t;
    }

    public void pushAll(List<ValType> ts) {
        for (ValType t : ts) push(t);
    }

    /** Pops any operand; null (Unknown) when the current frame is unreachable and has none left. */
    public ValType pop() {
        ControlFrame f = top();
        if (size == f.height) {
            if (f.unreachable) return null;
            throw mismatch();
        }
        return vals[--size];
    }

    /** Pops an operand that must match {@code expect} (null expects anything). */
    public ValType pop(ValType expect) {
        ControlFrame f = top();
        if (size == f.height && !f.unreachable) {
            throw new InvalidException("type mismatch: expected " + (expect == null ? "a value" : expect) + ", found nothing on the stack", at);
        }
        ValType actual = pop();
        if (actual != expect && actual != null && expect != null && !Subtyping.matches(actual, expect, types)) {
            throw new InvalidException("type mismatch: expected " + expect + ", found " + actual, at);
        }
        return actual;
    }

    /** Pops operands matching {@code ts} (last first); returns what was actually popped, in order. */
    public ValType[] popAll(List<ValType> ts) {
        ValType[] popped = new ValType[ts.size()];
        for (int i = ts.size() - 1; i >= 0; i--) popped[i] = pop(ts.get(i));
        return popped;
    }

    public void pushCtrl(Opcode opcode, List<ValType> in, List<ValType> out) {
        ControlFrame f = new ControlFrame(opcode, in, out, size);
        f.initHeight = initCount;
        ctrls.add(f);
        pushAll(in);
    }

    /** Closes the innermost frame: its results must be exactly what is left above its height. */
    public ControlFrame popCtrl() {
        ControlFrame f = top();
        popAll(f.endTypes);
        if (size != f.height) {
            List<ValType> extra = new ArrayList<>(Arrays.asList(vals).subList(f.height, size));
            throw new InvalidException("type mismatch: " + (size - f.height) + " value" + (size - f.height == 1 ? "" : "s") + " " + extra
                    + " left over at the end of the block, which gives " + f.endTypes, at);
        }
        ctrls.remove(ctrls.size() - 1);
        while (initCount > f.initHeight) initialized.remove(inits[--initCount]); // a block's local.sets end with it
        return f;
    }

    /** The frame {@code depth} levels out (0 = innermost), or "unknown label". */
    public ControlFrame frame(long depth) {
        if (depth < 0 || depth >= ctrls.size()) throw new InvalidException("unknown label", at);
        return ctrls.get(ctrls.size() - 1 - (int) depth);
    }

    /** Marks the rest of the current frame dead: drops its operands and makes pops polymorphic. */
    public void unreachable() {
        ControlFrame f = top();
        size = f.height;
        f.unreachable = true;
    }

    /** Records that a non-defaultable local now holds a value, until the current block ends. */
    void initialize(long local) {
        if (!initialized.add(local)) return;
        if (initCount == inits.length) inits = Arrays.copyOf(inits, initCount * 2);
        inits[initCount++] = local;
    }

    boolean isInitialized(long local) {
        return initialized.contains(local);
    }

    /** Current operand stack height. */
    public int height() {
        return size;
    }

    /** The operand {@code depth} below the top (0 = top); null if Unknown. */
    public ValType peek(int depth) {
        return vals[size - 1 - depth];
    }

    /** Number of open control frames (the function body counts as one). */
    public int depth() {
        return ctrls.size();
    }

    public ControlFrame top() {
        if (ctrls.isEmpty()) throw new InvalidException("unexpected end", at);
        return ctrls.get(ctrls.size() - 1);
    }

    InvalidException mismatch() {
        return new InvalidException("type mismatch", at);
    }
}
