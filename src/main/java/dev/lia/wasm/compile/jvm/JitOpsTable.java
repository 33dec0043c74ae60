package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.exec.JitOps;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/** Which internal opcodes {@link JitOps} implements ({@code opXX} methods), with their operand counts. */
final class JitOpsTable {
    private JitOpsTable() {}

    private static final int[] ARITY = new int[256];

    static {
        for (Method m : JitOps.class.getDeclaredMethods()) {
            String n = m.getName();
            if (Modifier.isPublic(m.getModifiers()) && n.length() == 4 && n.startsWith("op")) {
                ARITY[Integer.parseInt(n.substring(2), 16)] = m.getParameterCount();
            }
        }
    }

    /** 1 or 2 for an opcode {@code JitOps.opXX} implements, else 0. */
    static int arity(int op) {
        return op >= 0 && op < 256 ? ARITY[op] : 0;
    }

}
