package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.ExceptionTable;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.TagInstance;
import dev.lia.wasm.runtime.ThrownException;
import dev.lia.wasm.runtime.WasmFunction;
import dev.lia.wasm.syntax.Opcode;

/**
 * Exception handling in the interpreter: the {@link Op#TRY}, {@link Op#THROW} and {@link Op#THROW_REF}
 * ops (dispatched from {@link RareOps}) and the unwinding to a handler.
 *
 * <p>A throw is a Java {@link ThrownException} leaving the interpreter loop; the loop's handler hands it
 * to {@link #unwind}, which walks the frames from the throwing one outwards. In each frame it looks for
 * the innermost {@code try_table} (a {@link Op#TRY} whose body holds the frame's position) and tries its
 * clauses in order, then the enclosing ones. A clause that catches writes its label's values (payload,
 * exnref) and the frame continues at the label, a position where its frame is wasm-shaped, as after any
 * branch. Frames with no handler are dropped. At the entry frame of the run the exception leaves: out of
 * the machine as the same {@link ThrownException} (ending the activation), or, in a run nested in
 * compiled code, to that code, which has no handlers (the compiled tier refuses exception instructions)
 * and lets it pass to {@link Machine}'s entry into compiled code, which unwinds the frames beneath.
 */
final class ExceptionOps {
    private ExceptionOps() {}

    /** Runs {@code TRY} (a no-op), {@code THROW} or {@code THROW_REF} at {@code pc}; returns the next position. */
    static int execute(Machine m, int[] code, int pc, int fp, Instance inst) {
        long[] s = m.stack();
        switch (code[pc]) {
            case Op.TRY:
                return pc + 3 + 4 * code[pc + 1];
            case Op.THROW: {
                if (m.store().exceptions().compactionDue()) ExceptionState.compact(m, inst, code, pc, fp);
                TagInstance tag = inst.tag(code[pc + 2]);
                int from = fp + code[pc + 3];
                long[] payload = java.util.Arrays.copyOfRange(s, from, from + tag.type().paramSlots());
                throw new ThrownException(m.store(), tag, payload);
            }
            case Op.THROW_REF: {
                long ref = s[fp + code[pc + 2]];
                if (ref == 0) throw new Trap("null exception reference");
                throw new ThrownException(m.store(), ref);
            }
            default:
                throw new IllegalStateException("not an exception op: " + code[pc]);
        }
    }

    /**
     * Unwinds {@code x} from frame {@code fn} (at {@code fp}, the current frame, number {@code live.depth}),
     * which stands at {@code pc}: at the throw op, or after the call the exception came out of. With
     * {@code fn} null the current frame is gone already (it was compiled code) and unwinding starts with
     * its caller. Returns how the run goes on: {@code Machine.CONTINUE}, to resume at the handler
     * (the machine's current frame is set there). Throws {@code x} when it leaves the run.
     */
    static MachineOutcome unwind(Machine m, ThrownException x, WasmFunction fn, int pc, int fp, int entryDepth, boolean nested) {
        LiveState live = m.live;
        if (x.store() != m.store()) throw new IllegalStateException("an exception of another store reached this machine");
        ExceptionTable.Exn exn = x.exception();
        long exnref = x.exnref();
        boolean atThrow = fn != null && !(live.inCall && live.currentFunction == fn) && Op.isException(fn.code().code()[pc]);
        if (atThrow) {
            live.fuel -= fn.code().code()[pc + 1]; // the throw's own fuel cost
            // the site an uncaught exception reports: a throw is never compiled, so every tier names the same one
            x = x.raisedAt(new dev.lia.wasm.Trap.Frame(fn.name(), fn.code().byteOffset(pc)));
        }
        live.currentFunction = null;
        live.inCall = false;
        while (true) {
            // a tail call's callee (a host function: a wasm callee replaced the frame) throws from the frame's
            // caller: the frame is gone as far as wasm can tell, and so are its try_tables
            if (fn != null && (atThrow || !endsTailCall(fn.code().code(), pc))) {
                int at = atThrow ? pc : pc - 1; // after a call, the call's own position
                if (handle(m, fn, at, fp, exn, exnref)) return Machine.CONTINUE;
            }
            if (live.depth == entryDepth) {
                if (!nested) m.endActivation();
                throw x;
            }
            live.depth--;
            fn = live.frameFunction[live.depth];
            live.frameFunction[live.depth] = null;
            pc = live.framePc[live.depth];
            fp = live.frameFp[live.depth];
            atThrow = false;
        }
    }

    /** Whether the instruction that ends at {@code pc} is a tail call ({@code return_call}, {@code return_call_indirect}, {@code return_call_ref}). */
    private static boolean endsTailCall(int[] code, int pc) {
        int p = 0;
        while (p < pc) {
            int next = p + 1 + Op.operandCount(code, p);
            if (next == pc) return code[p] == Op.RETURN_CALL || code[p] == Op.RETURN_CALL_INDIRECT;
            p = next;
        }
        return false;
    }

    /** Looks for a clause of a try_table around position {@code at} of {@code fn} that catches; if one does, goes there. */
    private static boolean handle(Machine m, WasmFunction fn, int at, int fp, ExceptionTable.Exn exn, long exnref) {
        CompiledFunction cf = fn.code();
        int[] code = cf.code();
        // try_tables nest, so those holding `at` are found outermost first; try the innermost first
        int[] open = new int[4];
        int n = 0;
        for (int p = 0; p < code.length && p <= at; p += 1 + Op.operandCount(code, p)) {
            if (code[p] == Op.TRY && at < code[p + 2]) {
                if (n == open.length) open = java.util.Arrays.copyOf(open, n * 2);
                open[n++] = p;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            int p = open[i];
            for (int k = 0; k < code[p + 1]; k++) {
                int e = p + 3 + 4 * k;
                int kind = code[e];
                if (kind < Opcode.CATCH_ALL && fn.instance.tag(code[e + 1]) != exn.tag()) continue;
                long[] s = m.stack();
                int dest = fp + code[e + 3];
                int values = 0;
                if (kind < Opcode.CATCH_ALL) {
                    long[] payload = exn.payload();
                    m.ensureStack(dest + payload.length + 1);
                    s = m.stack();
                    System.arraycopy(payload, 0, s, dest, payload.length);
                    values = payload.length;
                }
                if (kind == Opcode.CATCH_REF || kind == Opcode.CATCH_ALL_REF) s[dest + values++] = exnref;
                LiveState live = m.live;
                live.currentFunction = fn;
                live.currentPc = code[e + 2];
                live.currentFp = fp;
                live.inCall = false;
                live.top = dest + values;
                return true;
            }
        }
        return false;
    }
}
