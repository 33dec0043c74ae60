package dev.lia.wasm.exec;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HotSpot never compiles a method over 8,000 bytes of bytecode (DontCompileHugeMethods): the
 * interpreter loop over that size runs six times slower. This keeps the loop, and the methods it
 * hands rare instructions to, under the limit.
 */
class LoopSizeTest {
    @Test
    void theInterpreterLoopStaysCompilable() throws IOException {
        Map<String, Integer> sizes = codeSizes(Machine.class);
        assertThat(sizes.get("interpret")).as("Machine.interpret bytecode size").isLessThan(8000);
        assertThat(codeSizes(RareOps.class).get("execute")).as("RareOps.execute bytecode size").isLessThan(8000);
    }

    /** The bytecode size of each method of a class (the last one of a name wins). */
    static Map<String, Integer> codeSizes(Class<?> type) throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            ClassReader reader = new ClassReader(in.readAllBytes());
            ClassWriter writer = new ClassWriter(0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                    MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
                    return new MethodVisitor(Opcodes.ASM9, target) {
                        @Override
                        public void visitMaxs(int maxStack, int maxLocals) {
                            Label end = new Label();
                            super.visitLabel(end); // resolved as written: its offset is the code's length
                            super.visitMaxs(maxStack, maxLocals);
                            sizes.put(name, end.getOffset());
                        }
                    };
                }
            }, 0);
        }
        return sizes;
    }
}
