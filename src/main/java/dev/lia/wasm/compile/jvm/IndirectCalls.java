package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.syntax.FuncType;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A module's {@code call_indirect} switches: for each parameter count {@code n} of the module's types,
 * {@code static long i<n>(int index, Machine m, Instance inst, int fp, int depth, int room, long fuel, long... args)}
 * calls compiled function {@code index} as a direct call would (a {@code tableswitch} on the index), so
 * that an indirect call to compiled code passes its arguments as parameters too. An index the switch
 * has no case for goes the general way ({@code Compiled.callIndexed}, arguments in the value stack).
 */
final class IndirectCalls implements Opcodes {
    private IndirectCalls() {}

    /** Cases per switch: keeps each method under HotSpot's huge-method limit. */
    private static final int MAX_CASES = 300;

    /** The switches for every function of the module (one the translator leaves is never dispatched to: {@code Compiled.compiledIndex} answers -1 for it). */
    static byte[] emit(String name, ModuleLayout layout) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
        TreeSet<Integer> counts = new TreeSet<>();
        for (FuncType t : layout.module.types()) { // null where a type is a struct or array type (GC)
            if (t != null && t.paramSlots() <= FunctionEmitter.MAX_PARAMS) counts.add(t.paramSlots());
        }
        for (int n : counts) {
            List<CompiledFunction> cases = new ArrayList<>();
            for (CompiledFunction f : layout.functions) if (f.paramCount() == n && cases.size() < MAX_CASES) cases.add(f);
            emitSwitch(cw, n, cases, layout);
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void emitSwitch(ClassWriter cw, int n, List<CompiledFunction> cases, ModuleLayout layout) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "i" + n, FunctionEmitter.indirectDescriptor(n), null, null);
        mv.visitCode();
        // locals: 0 index, 1 m, 2 inst, 3 fp, 4 depth, 5 room, 6-7 fuel, 8.. the arguments
        Label general = new Label();
        if (!cases.isEmpty()) {
            int[] keys = new int[cases.size()];
            Label[] labels = new Label[cases.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = cases.get(i).index();
                labels[i] = new Label();
            }
            mv.visitVarInsn(ILOAD, 0);
            mv.visitLookupSwitchInsn(general, keys, labels); // a binary search: HotSpot compiles it to one when the keys are sparse
            for (int i = 0; i < keys.length; i++) {
                mv.visitLabel(labels[i]);
                FunctionEmitter.pushFixed(mv, 1, layout.frameCost(keys[i]), false);
                for (int a = 0; a < n; a++) mv.visitVarInsn(LLOAD, 8 + 2 * a);
                mv.visitMethodInsn(INVOKESTATIC, layout.functionClass(keys[i]), "f" + keys[i], FunctionEmitter.descriptor(n), false);
                mv.visitInsn(LRETURN);
            }
        }
        mv.visitLabel(general);
        for (int a = 0; a < n; a++) { // into the caller's frame, where the callee's begins
            mv.visitVarInsn(ALOAD, 1);
            mv.visitMethodInsn(INVOKESTATIC, FunctionEmitter.COMPILED, "stack", "(L" + FunctionEmitter.MACHINE + ";)[J", false);
            mv.visitVarInsn(ILOAD, 3);
            mv.visitLdcInsn(a);
            mv.visitInsn(IADD);
            mv.visitVarInsn(LLOAD, 8 + 2 * a);
            mv.visitInsn(LASTORE);
        }
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitVarInsn(ILOAD, 0);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitVarInsn(ILOAD, 4);
        mv.visitVarInsn(ILOAD, 5);
        mv.visitVarInsn(LLOAD, 6);
        mv.visitMethodInsn(INVOKESTATIC, FunctionEmitter.COMPILED, "callIndexed",
                "(L" + FunctionEmitter.MACHINE + ";L" + FunctionEmitter.INSTANCE + ";IIIIJ)J", false);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
