package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.CompiledCode;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The compiled tier's back end: a module's register code to JVM classes, one function at a time.
 * {@link #translate} only lays the module out ({@link ModuleLayout}: every function's class name and
 * stack cost); {@link ModuleCode} translates a function when it is first needed, into a class of its
 * own extending {@link CompiledCode} ({@link #function}). A function is left to the interpreter when
 * its code has something the emitter does not take, or when its method would be too large for HotSpot
 * to compile ({@value #HUGE_METHOD} bytes: a method the JIT never compiles runs slower than the
 * interpreter); its class is then a stub that calls the interpreter, for compiled callers.
 */
public final class JvmTranslator implements Opcodes {
    private JvmTranslator() {}

    /** HotSpot does not compile methods larger than this (its DontCompileHugeMethods limit). */
    static final int HUGE_METHOD = 8000;
    /** The largest method the emitter keeps: the JVM's 64 KB less a margin. */
    private static final int MAX_METHOD = 60_000;
    /** Set {@code -Dlia.jit.strict=true} to fail instead of leaving a function to the interpreter (tests). */
    private static final String STRICT = "lia.jit.strict";
    /** Set {@code -Dlia.jit.hugeMethods=true} to compile methods over {@value #HUGE_METHOD} bytes too (tests: every function compiled). */
    private static final String HUGE_ALLOWED = "lia.jit.hugeMethods";
    /** The size of the method the last {@link #trial} emitted, on this thread. */
    private static final ThreadLocal<Integer> LAST_TRIAL = ThreadLocal.withInitial(() -> 0);
    private static final java.util.concurrent.atomic.AtomicLong CUT = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Methods over this many bytes are cut into regions ({@link Regions}) where they can be; set
     * {@code -Dlia.jit.splitAbove=N} lower to cut more (tests cut every function), and
     * {@code -Dlia.jit.regions=false} not to cut at all.
     */
    private static int splitAbove() {
        return Integer.getInteger("lia.jit.splitAbove", HUGE_METHOD);
    }

    private static boolean regionsAllowed() {
        return Boolean.parseBoolean(System.getProperty("lia.jit.regions", "true"));
    }

    /** With {@code -Dlia.jit.dump=DIR}, writes each generated class there (for javap; debugging the emitter). */
    static void dump(String className, byte[] bytes) {
        String dir = System.getProperty("lia.jit.dump");
        if (dir == null) return;
        try {
            java.nio.file.Path file = java.nio.file.Path.of(dir, className.replace('.', '/') + ".class");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("lia.jit.dump: " + e.getMessage(), e);
        }
    }

    /** Functions compiled as regions ({@link Regions}) over this JVM's run. */
    public static long regionFunctions() {
        return CUT.get();
    }

    /** Functions whose methods write some locals through to the value stack ({@link WriteThrough}) over this JVM's run. */
    public static long writeThroughFunctions() {
        return WriteThrough.FUNCTIONS.get();
    }

    /** The module's compiled code, each function translated when first needed. */
    public static ModuleCode translate(CompiledModule cm) {
        return new ModuleCode(new ModuleLayout(cm));
    }

    static boolean strict() {
        return Boolean.getBoolean(STRICT);
    }

    /** One function's class: its bytes, with loop entries or not, or (with {@code left} the reason) the stub. */
    record Translation(byte[] bytes, boolean loopEntries, String left) {}

    /**
     * Function {@code index}'s class. The common case is emitted once: the method in its first
     * shape (with loop entries if it has loops) fits; else trials find the largest shape that does.
     */
    static Translation function(ModuleLayout layout, int index) {
        CompiledFunction f = layout.code(index);
        String name = layout.functionClass(index);
        String why = precheck(f);
        if (why == null) {
            FunctionEmitter.Shape first = hasLoops(f) ? FunctionEmitter.Shape.WHOLE : FunctionEmitter.Shape.START_ONLY;
            try {
                ClassWriter cw = classWriter(name);
                int size = emitFunction(cw, name, f, layout, first, null);
                why = sizeRefusal(f, size);
                if (why == null && size > splitAbove()) { // fits, but cut where it can be (tests)
                    int[] bounds = regionBounds(f, layout);
                    if (bounds != null) return regions(name, f, layout, bounds);
                }
                if (why == null) return new Translation(finish(cw), first == FunctionEmitter.Shape.WHOLE, null);
            } catch (Untranslatable u) {
                why = refuse(f, u.getMessage());
            }
            if (why.startsWith("method of")) {
                FunctionEmitter.Shape[] shapes = new FunctionEmitter.Shape[layout.total()];
                int[][] bounds = new int[1][];
                String other = shape(f, layout, shapes, bounds, first == FunctionEmitter.Shape.WHOLE);
                if (other == null && shapes[index] == FunctionEmitter.Shape.REGIONS) return regions(name, f, layout, bounds[0]);
                if (other == null) {
                    ClassWriter cw = classWriter(name);
                    emitFunction(cw, name, f, layout, shapes[index], null);
                    return new Translation(finish(cw), shapes[index] != FunctionEmitter.Shape.START_ONLY, null);
                }
            }
        }
        return new Translation(stub(name, f, layout), false, why);
    }

    private static boolean hasLoops(CompiledFunction f) {
        int[] c = f.code();
        for (int p = 0; p < c.length; p += 1 + dev.lia.wasm.compile.Op.operandCount(c, p)) {
            if (c[p] == dev.lia.wasm.compile.Op.LOOP) return true;
        }
        return false;
    }

    /** Why the emitter cannot take {@code f} at all, or null. */
    private static String precheck(CompiledFunction f) {
        if (f.usesExceptions()) return refuse(f, "exception handling (try_table, throw and throw_ref run in the interpreter)");
        if (f.usesTailCalls()) return refuse(f, "tail calls (return_call, return_call_indirect and return_call_ref run in the interpreter)");
        if (f.code().length >= 65535) return refuse(f, "code of " + f.code().length + " positions, past what line numbers can name");
        return null;
    }

    /** Why a method of {@code size} bytes is refused, or null. */
    private static String sizeRefusal(CompiledFunction f, int size) {
        LAST_TRIAL.set(size);
        if (size > HUGE_METHOD && !Boolean.getBoolean(HUGE_ALLOWED)) return refuse(f, "method of " + size + " bytes, over HotSpot's " + HUGE_METHOD);
        if (size > MAX_METHOD) return refuse(f, "method of " + size + " bytes, over the JVM's 64 KB less a margin");
        return null;
    }

    /**
     * For {@code f}, whose whole method (with loop entries) was just found too large: the largest
     * other shape HotSpot will compile, split in two, else entered at its start only; null if one
     * fits, else why none does.
     */
    private static String shape(CompiledFunction f, ModuleLayout layout, FunctionEmitter.Shape[] shapes, int[][] bounds, boolean loops) {
        String why = sizeRefusal(f, LAST_TRIAL.get());
        // Each other shape drops only the loop entries or the start (at most ~8 bytes a slot): when
        // even that cannot bring it under the limit, the trials (each a whole emission) are spared.
        boolean near = LAST_TRIAL.get() - 8L * f.frameSize() - 64 <= HUGE_METHOD;
        if (loops && near && trial(f, layout, FunctionEmitter.Shape.SPLIT_START) == null && trial(f, layout, FunctionEmitter.Shape.SPLIT_LOOPS) == null) {
            shapes[f.index()] = FunctionEmitter.Shape.SPLIT_START;
            return null;
        }
        bounds[0] = regionBounds(f, layout);
        if (bounds[0] != null) {
            shapes[f.index()] = FunctionEmitter.Shape.REGIONS;
            return null;
        }
        if (loops && near && trial(f, layout, FunctionEmitter.Shape.START_ONLY) == null) {
            shapes[f.index()] = FunctionEmitter.Shape.START_ONLY; // runs compiled from its calls; a frame resumed inside it stays interpreted
            return null;
        }
        return why;
    }

    /**
     * Where {@code f} is cut into regions each within {@link Regions#target} bytes (more where the
     * frame alone takes more), or null if it cannot be (or cutting is off).
     */
    private static int[] regionBounds(CompiledFunction f, ModuleLayout layout) {
        if (!regionsAllowed()) return null;
        // A region reads and writes every slot besides its code (~20 bytes a slot): the target is for the code.
        int limit = (int) Math.min(HUGE_METHOD, Regions.target() + 24L * f.frameSize());
        int hardLimit = Boolean.getBoolean(HUGE_ALLOWED) ? MAX_METHOD : HUGE_METHOD;
        String trialName = layout.functionClass(f.index());
        try {
            ClassWriter whole = new ClassWriter(0);
            whole.visit(V17, ACC_PUBLIC, trialName, null, "java/lang/Object", null);
            FunctionEmitter once = new FunctionEmitter(f, whole.visitMethod(ACC_STATIC, "f", FunctionEmitter.descriptor(f.paramCount()), null, null),
                    layout, FunctionEmitter.Shape.START_ONLY);
            int total = once.emit().getOffset();
            Regions.Sizer guess = Regions.estimate(once.offsets(), total, f.frameSize() - f.constants().length);
            return Regions.bounds(f, limit, hardLimit, guess, (lo, hi, entries) -> {
                ClassWriter cw = new ClassWriter(0);
                cw.visit(V17, ACC_PUBLIC, trialName, null, "java/lang/Object", null);
                MethodVisitor mv = cw.visitMethod(ACC_STATIC, "r", FunctionEmitter.DESCRIPTOR, null, null);
                return new FunctionEmitter(f, mv, layout, FunctionEmitter.Shape.REGIONS).region(lo, hi, entries).getOffset();
            });
        } catch (Untranslatable u) {
            return null;
        }
    }

    /** {@code f}'s class as regions: the dispatcher {@code f<index>} and a method per region (see {@link FunctionEmitter#region}). */
    private static Translation regions(String name, CompiledFunction f, ModuleLayout layout, int[] bounds) {
        CUT.incrementAndGet();
        ClassWriter cw = classWriter(name);
        emitFunction(cw, name, f, layout, FunctionEmitter.Shape.REGIONS, bounds);
        return new Translation(finish(cw), true, null);
    }

    /** Emits {@code f}'s method alone in {@code shape} to learn whether it fits; null if it does, else why not. */
    private static String trial(CompiledFunction f, ModuleLayout layout, FunctionEmitter.Shape shape) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC, layout.functionClass(f.index()), null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "f", FunctionEmitter.descriptor(f.paramCount()), null, null);
        try {
            Label end = new FunctionEmitter(f, mv, layout, shape).emit();
            return sizeRefusal(f, end.getOffset());
        } catch (Untranslatable u) {
            return refuse(f, u.getMessage());
        }
    }

    private static String refuse(CompiledFunction f, String why) {
        if (strict() && !why.startsWith("method of")) throw new IllegalStateException("function " + f.index() + " not compiled: " + why);
        return why;
    }

    private static ClassWriter classWriter(String name) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // the emitter never merges two reference types in one local
            }
        };
        String base = "dev/lia/wasm/exec/CompiledCode";
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, base, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, base, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        return cw;
    }

    private static byte[] finish(ClassWriter cw) {
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code f<index>} in {@code shape} (with {@code o<index>} if split), its bridge and {@code enter}; returns {@code f<index>}'s size. */
    private static int emitFunction(ClassWriter cw, String name, CompiledFunction f, ModuleLayout layout, FunctionEmitter.Shape shape, int[] bounds) {
        String desc = FunctionEmitter.descriptor(f.paramCount());
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f" + f.index(), desc, null, null);
        int size;
        if (shape == FunctionEmitter.Shape.REGIONS) {
            size = new FunctionEmitter(f, mv, layout, shape).dispatcher(bounds).getOffset();
            int[][] entries = Regions.entries(f, bounds);
            for (int k = 0; k < entries.length; k++) {
                MethodVisitor region = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, FunctionEmitter.regionName(f.index(), k), FunctionEmitter.DESCRIPTOR, null, null);
                new FunctionEmitter(f, region, layout, shape).region(bounds[k], bounds[k + 1], entries[k]);
            }
        } else {
            size = new FunctionEmitter(f, mv, layout, shape).emit().getOffset();
        }
        if (shape == FunctionEmitter.Shape.SPLIT_START) {
            MethodVisitor loops = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "o" + f.index(), desc, null, null);
            new FunctionEmitter(f, loops, layout, FunctionEmitter.Shape.SPLIT_LOOPS).emit();
        }
        emitBridge(cw, name, f);
        emitEnter(cw, name, f);
        return size;
    }

    /** {@code enter(index, m, inst, fp, depth, room, fuel, entry)}: the interpreter's way in, to the bridge. */
    private static void emitEnter(ClassWriter cw, String name, CompiledFunction f) {
        String desc = "(IL" + FunctionEmitter.MACHINE + ";L" + FunctionEmitter.INSTANCE + ";IIIJI)J";
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "enter", desc, null, null);
        mv.visitCode();
        FunctionEmitter.pushFixed(mv, 2, 0, true);
        mv.visitMethodInsn(INVOKESTATIC, name, "e" + f.index(), FunctionEmitter.DESCRIPTOR, false);
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * The class of a function left to the interpreter: {@code f<index>} with the direct calls'
     * convention makes the call's checks (at the prologue's line: a trap there is the caller's),
     * puts the arguments in the value stack where the callee's frame begins and runs it the slow
     * way ({@code Compiled.callSlow}: the interpreter, or a stop at its entry without fuel), exactly
     * as a call through the machine would.
     */
    private static byte[] stub(String name, CompiledFunction f, ModuleLayout layout) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object", null);
        if (f.paramCount() > FunctionEmitter.MAX_PARAMS) return finish(cw); // too many for a JVM method: no one calls it directly
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f" + f.index(), FunctionEmitter.descriptor(f.paramCount()), null, null);
        mv.visitCode();
        Label prologue = new Label();
        mv.visitLabel(prologue);
        mv.visitLineNumber(dev.lia.wasm.exec.Compiled.PROLOGUE_LINE, prologue);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ILOAD, 2);
        mv.visitLdcInsn(f.frameSize());
        mv.visitInsn(IADD);
        mv.visitMethodInsn(INVOKESTATIC, FunctionEmitter.COMPILED, "prepareCall", "(L" + FunctionEmitter.MACHINE + ";II)V", false);
        for (int i = 0; i < f.paramCount(); i++) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESTATIC, FunctionEmitter.COMPILED, "stack", "(L" + FunctionEmitter.MACHINE + ";)[J", false);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitLdcInsn(i);
            mv.visitInsn(IADD);
            mv.visitVarInsn(LLOAD, 8 + 2 * i);
            mv.visitInsn(LASTORE);
        }
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitLdcInsn(f.index());
        mv.visitVarInsn(ILOAD, 2);
        mv.visitVarInsn(ILOAD, 3);
        mv.visitVarInsn(ILOAD, 4);
        mv.visitVarInsn(LLOAD, 5);
        mv.visitMethodInsn(INVOKESTATIC, FunctionEmitter.COMPILED, "callSlow", "(L" + FunctionEmitter.MACHINE + ";L" + FunctionEmitter.INSTANCE + ";IIIIJ)J", false);
        if (f.resultCount() == 1) { // the interpreter left it in the value stack
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitMethodInsn(INVOKESTATIC, FunctionEmitter.COMPILED, "resultFromStack", "(L" + FunctionEmitter.MACHINE + ";I)V", false);
        }
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * {@code e<index>}: the interpreter's convention over {@code f<index>}'s. The arguments come from
     * the value stack at {@code fp} and a single result goes back there, where the interpreter reads it.
     */
    private static void emitBridge(ClassWriter cw, String name, CompiledFunction f) {
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "e" + f.index(), FunctionEmitter.DESCRIPTOR, null, null);
        mv.visitCode();
        FunctionEmitter.pushFixed(mv, 0, 0, true);
        if (f.paramCount() > 0) {
            mv.visitVarInsn(ALOAD, 0);
            mv.visitMethodInsn(INVOKESTATIC, FunctionEmitter.COMPILED, "stack", "(L" + FunctionEmitter.MACHINE + ";)[J", false);
            mv.visitVarInsn(ASTORE, 8);
            for (int i = 0; i < f.paramCount(); i++) {
                mv.visitVarInsn(ALOAD, 8);
                mv.visitVarInsn(ILOAD, 2);
                mv.visitLdcInsn(i);
                mv.visitInsn(IADD);
                mv.visitInsn(LALOAD);
            }
        }
        mv.visitMethodInsn(INVOKESTATIC, name, "f" + f.index(), FunctionEmitter.descriptor(f.paramCount()), false);
        if (f.resultCount() == 1) {
            mv.visitInsn(DUP2);
            mv.visitVarInsn(LSTORE, 9);
            mv.visitInsn(POP2);
            mv.visitVarInsn(ALOAD, 0);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitMethodInsn(INVOKESTATIC, FunctionEmitter.COMPILED, "resultToStack", "(L" + FunctionEmitter.MACHINE + ";I)V", false);
            mv.visitVarInsn(LLOAD, 9);
        }
        mv.visitInsn(LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
