package dev.lia.script.vm;

import dev.lia.script.compile.Code;
import dev.lia.script.compile.Op;
import dev.lia.script.compile.Program;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * How many operand stack entries a frame holds before each operation: a compiled script is
 * structured, so the height at an operation is the same on every path to it (the main body and each
 * handler start at 0). The VM needs it where a frame waits on wasm: when an exception leaves an
 * import handler, the handler's entries go, down to what the frame beneath held when it called
 * wasm, and that is known from the program and the frames' return positions alone, so a saved
 * state needs nothing more.
 */
final class StackDepths {
    private final int[] before;

    StackDepths(Program program) {
        int n = program.ops().size();
        before = new int[n];
        Arrays.fill(before, -1);
        Deque<Integer> work = new ArrayDeque<>();
        reach(0, 0, work);
        for (Program.Handler h : program.handlers()) reach(h.entry(), 0, work);
        while (!work.isEmpty()) {
            int i = work.pop();
            Op op = program.op(i);
            int d = before[i] + effect(op);
            switch (op.code()) {
                case BR -> reach((int) op.a(), d, work);
                case BR_IF, BR_UNLESS -> {
                    reach((int) op.a(), d, work);
                    reach(i + 1, d, work);
                }
                case RETURN, FAIL -> { }
                default -> reach(i + 1, d, work);
            }
        }
    }

    private void reach(int i, int depth, Deque<Integer> work) {
        if (i < 0 || i >= before.length || before[i] >= 0) return;
        before[i] = depth;
        work.push(i);
    }

    /** Entries the operation leaves minus those it takes (an ext: the answers it will be given). */
    private static int effect(Op op) {
        int a = (int) op.a();
        return switch (op.code()) {
            case I32_CONST, I64_CONST, F32_CONST, F64_CONST, OCTS_CONST, V128_CONST, LOCAL_GET, GLOBAL_GET, MEMORY_SIZE, TABLE_SIZE -> 1;
            case LOCAL_SET, DROP, BR_IF, BR_UNLESS, GLOBAL_SET, FAIL, OCTS_AT, OCTS_CONCAT, OCTS_EQ, OCTS_NE, V128_LANE -> -1;
            case BR, RETURN, INSTANTIATE, MEMORY_GROW, OCTS_LEN, OCTS_FROM32, OCTS_FROM64, OCTS_TO32, OCTS_TO64, V128_FROM_OCTS -> 0;
            case MEMORY_READ -> -1;
            case MEMORY_WRITE, OCTS_SLICE -> -2;
            case CALL, EXT -> op.types().size() - 2 * a;
            case INSTANCE_CALL -> op.types().size() - 2 * a - 1;
            default -> Arithmetic.isUnary(op.code()) ? 0 : -1; // numeric operations: unary, or binary giving one value
        };
    }

    /**
     * The entries a frame holds while it waits on the activation it started with the operation before
     * {@code returnPc}: a call's arguments are taken, an instantiate's instance handle is there; 0
     * when the main body waits on the start function, before its first operation.
     */
    int whileWaiting(Program program, int returnPc) {
        if (returnPc == 0) return 0;
        Op op = program.op(returnPc - 1);
        int d = before[returnPc - 1];
        return switch (op.code()) {
            case CALL -> d - (int) op.a();
            case INSTANCE_CALL -> d - (int) op.a() - 1;
            case INSTANTIATE -> d; // the code's bytes gave way to the instance
            default -> throw new IllegalStateException("operation " + (returnPc - 1) + " (" + op + ") does not wait on wasm");
        };
    }
}
