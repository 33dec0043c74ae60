package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.exec.CompiledCode;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compiled tier's back end: a module's register code to JVM classes. Functions go in batches,
 * each a class extending {@link CompiledCode} with one static method per function, all defined by a
 * class loader of the module's own, so the code is collected with the module. A function is left to
 * the interpreter when its code has something the emitter does not take, or when its method would be
 * too large for HotSpot to compile ({@value #HUGE_METHOD} bytes: a method the JIT never compiles runs
 * slower than the interpreter).
 */
public final class JvmTranslator implements Opcodes {
    private JvmTranslator() {}

    /** HotSpot does not compile methods larger than this (its DontCompileHugeMethods limit). */
    static final int HUGE_METHOD = 8000;
    /** The largest method the trial emission accepts: the JVM's 64 KB less room for calls that end up going the long way. */
    private static final int MAX_METHOD = 60_000;
    /** Functions per generated class: keeps each class's dispatch method small. */
    private static final int BATCH = 200;
    /** Set {@code -Dlia.jit.strict=true} to fail instead of leaving a function to the interpreter (tests). */
    private static final String STRICT = "lia.jit.strict";
    /** Set {@code -Dlia.jit.hugeMethods=true} to compile methods over {@value #HUGE_METHOD} bytes too (tests: every function compiled). */
    private static final String HUGE_ALLOWED = "lia.jit.hugeMethods";
    /**
     * Methods over this many bytes are cut into regions ({@link Regions}) where they can be; set
     * {@code -Dlia.jit.splitAbove=N} lower to cut more (tests cut every function).
     */
    private static int splitAbove() {
        return Integer.getInteger("lia.jit.splitAbove", HUGE_METHOD);
    }
    /** Set {@code -Dlia.jit.dump=DIR} to write every generated class into DIR. */
    private static final String DUMP = "lia.jit.dump";
    private static final AtomicLong MODULES = new AtomicLong();
    private static final AtomicLong CUT = new AtomicLong();
    /** The size of the method the last {@link #trial} emitted, on this thread. */
    private static final ThreadLocal<Integer> LAST_TRIAL = ThreadLocal.withInitial(() -> 0);

    /** Functions compiled as regions ({@link Regions}) over this JVM's run. */
    public static long regionFunctions() {
        return CUT.get();
    }

    /** Translates every function of the module the emitter takes. */
    public static ModuleCode translate(CompiledModule cm) {
        Module module = cm.module();
        List<CompiledFunction> functions = cm.functions();
        int imported = module.importCount(dev.lia.wasm.syntax.ExternKind.FUNC);
        int total = imported + functions.size();
        List<FuncType> types = new ArrayList<>();
        for (Import i : module.imports()) {
            if (i.desc() instanceof Import.Func fn) types.add(module.types().get(fn.typeIndex()));
        }
        for (CompiledFunction f : functions) types.add(f.type());

        Map<Integer, String> left = new TreeMap<>();
        int[] frameCost = new int[total];
        String[] owner = new String[total];
        long id = MODULES.incrementAndGet();
        List<List<CompiledFunction>> batches = new ArrayList<>();
        // First pass: which functions the emitter takes, and at what size.
        List<CompiledFunction> taken = new ArrayList<>();
        boolean[] loopEntries = new boolean[total];
        FunctionEmitter.Shape[] shapes = new FunctionEmitter.Shape[total];
        Map<Integer, int[]> regions = new HashMap<>();
        for (CompiledFunction f : functions) {
            frameCost[f.index()] = 8 * FunctionEmitter.maxLocals(f) + 512;
            String why = shape(f, module, types, shapes, regions);
            if (shapes[f.index()] == FunctionEmitter.Shape.REGIONS) frameCost[f.index()] += 256; // the dispatcher's frame besides a region's
            if (why == null) {
                taken.add(f);
                loopEntries[f.index()] = shapes[f.index()] != FunctionEmitter.Shape.START_ONLY;
            } else {
                left.put(f.index(), why);
            }
        }
        for (int i = 0; i < taken.size(); i++) {
            if (i % BATCH == 0) batches.add(new ArrayList<>());
            CompiledFunction f = taken.get(i);
            batches.get(batches.size() - 1).add(f);
            owner[f.index()] = "dev/lia/jit/Module" + id + "_" + (batches.size() - 1);
        }
        String indirect = "dev/lia/jit/Module" + id + "_indirect";
        FunctionEmitter.Callees callees = callees(module, functions, imported, types, owner, frameCost, indirect);
        Map<String, byte[]> classes = new HashMap<>();
        classes.put(indirect.replace('/', '.'), IndirectCalls.emit(indirect, module, taken, owner, frameCost));
        for (List<CompiledFunction> batch : batches) {
            String name = owner[batch.get(0).index()];
            classes.put(name.replace('/', '.'), emitClass(name, batch, callees, shapes, regions));
        }
        dump(classes);
        CompiledCode[] code = new CompiledCode[total];
        ModuleLoader loader = new ModuleLoader(classes);
        int compiled = 0;
        for (List<CompiledFunction> batch : batches) {
            String name = owner[batch.get(0).index()].replace('/', '.');
            CompiledCode instance;
            try {
                instance = (CompiledCode) loader.loadClass(name).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                if (Boolean.getBoolean(STRICT)) throw new IllegalStateException("generated class " + name + " does not load: " + e, e);
                for (CompiledFunction f : batch) left.put(f.index(), "generated class rejected: " + e);
                continue;
            }
            for (CompiledFunction f : batch) code[f.index()] = instance;
            compiled += batch.size();
        }
        return new ModuleCode(code, frameCost, loopEntries, left, compiled);
    }

    /**
     * The largest shape of {@code f}'s method HotSpot will compile: whole if it fits, else split in
     * two, else entered at its start only; null if one fits, else why none does.
     */
    private static String shape(CompiledFunction f, Module module, List<FuncType> types, FunctionEmitter.Shape[] shapes,
                                Map<Integer, int[]> regions) {
        boolean loops = false;
        int[] c = f.code();
        for (int p = 0; p < c.length && !loops; p += 1 + dev.lia.wasm.compile.Op.operandCount(c, p)) loops = c[p] == dev.lia.wasm.compile.Op.LOOP;
        String why = trial(f, module, types, loops ? FunctionEmitter.Shape.WHOLE : FunctionEmitter.Shape.START_ONLY);
        if (why == null && LAST_TRIAL.get() <= splitAbove()) {
            shapes[f.index()] = loops ? FunctionEmitter.Shape.WHOLE : FunctionEmitter.Shape.START_ONLY;
            return null;
        }
        if (why != null && !why.startsWith("method of")) return why;
        // Each other shape drops only the loop entries or the start (at most ~8 bytes a slot): when
        // even that cannot bring it under the limit, the trials (each a whole emission) are spared.
        if (why != null && loops && LAST_TRIAL.get() - 8L * f.frameSize() - 64 <= HUGE_METHOD
                && trial(f, module, types, FunctionEmitter.Shape.SPLIT_START) == null && trial(f, module, types, FunctionEmitter.Shape.SPLIT_LOOPS) == null) {
            shapes[f.index()] = FunctionEmitter.Shape.SPLIT_START;
            return null;
        }
        int[] bounds = Boolean.parseBoolean(System.getProperty("lia.jit.regions", "true")) ? regionBounds(f, module, types) : null;
        if (bounds != null) {
            shapes[f.index()] = FunctionEmitter.Shape.REGIONS;
            regions.put(f.index(), bounds);
            CUT.incrementAndGet();
            return null;
        }
        if (why == null) { // over splitAbove() but not to be cut: as it is
            shapes[f.index()] = loops ? FunctionEmitter.Shape.WHOLE : FunctionEmitter.Shape.START_ONLY;
            return null;
        }
        if (loops && trial(f, module, types, FunctionEmitter.Shape.START_ONLY) == null) {
            shapes[f.index()] = FunctionEmitter.Shape.START_ONLY; // runs compiled from its calls; a frame resumed inside it stays interpreted
            return null;
        }
        return why;
    }

    /**
     * Where {@code f} is cut into regions each within {@link Regions#target} bytes (more where the
     * frame alone takes more), or null if it cannot be.
     */
    private static int[] regionBounds(CompiledFunction f, Module module, List<FuncType> types) {
        // A region reads and writes every slot besides its code (~20 bytes a slot): the target is for the code.
        int limit = (int) Math.min(HUGE_METHOD, Regions.target() + 24L * f.frameSize());
        int hardLimit = Boolean.getBoolean(HUGE_ALLOWED) ? MAX_METHOD : HUGE_METHOD;
        try {
            ClassWriter whole = new ClassWriter(0);
            whole.visit(V17, ACC_PUBLIC, "dev/lia/jit/Trial", null, "java/lang/Object", null);
            FunctionEmitter once = new FunctionEmitter(f, whole.visitMethod(ACC_STATIC, "f", FunctionEmitter.descriptor(f.paramCount()), null, null),
                    trialCallees(module, types), FunctionEmitter.Shape.START_ONLY);
            int total = once.emit().getOffset();
            Regions.Sizer guess = Regions.estimate(once.offsets(), total, f.frameSize() - f.constants().length);
            return Regions.bounds(f, limit, hardLimit, guess, (lo, hi, entries) -> {
                ClassWriter cw = new ClassWriter(0);
                cw.visit(V17, ACC_PUBLIC, "dev/lia/jit/Trial", null, "java/lang/Object", null);
                MethodVisitor mv = cw.visitMethod(ACC_STATIC, "r", FunctionEmitter.DESCRIPTOR, null, null);
                return new FunctionEmitter(f, mv, trialCallees(module, types), FunctionEmitter.Shape.REGIONS).region(lo, hi, entries).getOffset();
            });
        } catch (Untranslatable u) {
            return null;
        }
    }

    /** What trial emissions know of the other functions: calls direct to every function of the module, through the machine to imports. */
    private static FunctionEmitter.Callees trialCallees(Module module, List<FuncType> types) {
        String[] owners = new String[types.size()];
        int imported = module.importCount(dev.lia.wasm.syntax.ExternKind.FUNC);
        java.util.Arrays.fill(owners, imported, owners.length, "dev/lia/jit/Trial");
        return callees(module, List.of(), 0, types, owners, new int[types.size()], "dev/lia/jit/Trial");
    }

    /** Emits {@code f} alone to learn whether the emitter takes it; null if it does, else why not. */
    private static String trial(CompiledFunction f, Module module, List<FuncType> types, FunctionEmitter.Shape shape) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(V17, ACC_PUBLIC, "dev/lia/jit/Trial", null, "java/lang/Object", null);
        MethodVisitor mv = cw.visitMethod(ACC_STATIC, "f", FunctionEmitter.descriptor(f.paramCount()), null, null);
        // Calls are emitted as they will most likely be: direct to every function of the module (those
        // the translator leaves would take a few more bytes per call), through the machine to imports.
        if (f.usesSimd()) return refuse(f, "v128 values (SIMD runs in the interpreter)");
        if (f.usesExceptions()) return refuse(f, "exception handling (try_table, throw and throw_ref run in the interpreter)");
        if (f.code().length >= 65535) return refuse(f, "code of " + f.code().length + " positions, past what line numbers can name");
        try {
            Label end = new FunctionEmitter(f, mv, trialCallees(module, types), shape).emit();
            int size = end.getOffset();
            LAST_TRIAL.set(size);
            if (size > HUGE_METHOD && !Boolean.getBoolean(HUGE_ALLOWED)) return refuse(f, "method of " + size + " bytes, over HotSpot's " + HUGE_METHOD);
            // A margin under the JVM's 64 KB: the final method may call some functions the long way.
            if (size > MAX_METHOD) return refuse(f, "method of " + size + " bytes, over the JVM's 64 KB less a margin");
            return null;
        } catch (Untranslatable u) {
            return refuse(f, u.getMessage());
        }
    }

    private static String refuse(CompiledFunction f, String why) {
        if (Boolean.getBoolean(STRICT) && !why.startsWith("method of")) throw new IllegalStateException("function " + f.index() + " not compiled: " + why);
        return why;
    }

    private static FunctionEmitter.Callees callees(Module module, List<CompiledFunction> functions, int imported, List<FuncType> types,
                                                   String[] owner, int[] frameCost, String indirectOwner) {
        return new FunctionEmitter.Callees() {
            @Override
            public String indirectOwner() {
                return indirectOwner;
            }

            @Override
            public String classOf(int index) {
                return owner[index];
            }

            @Override
            public CompiledFunction code(int index) {
                return functions.get(index - imported);
            }

            @Override
            public int frameCost(int index) {
                return frameCost[index];
            }

            @Override
            public int[] typeArity(int typeIndex) {
                FuncType t = module.types().get(typeIndex);
                return new int[] {t.paramSlots(), t.resultSlots()};
            }

            @Override
            public int[] functionArity(int index) {
                FuncType t = types.get(index);
                return new int[] {t.paramSlots(), t.resultSlots()};
            }
        };
    }

    private static byte[] emitClass(String name, List<CompiledFunction> batch, FunctionEmitter.Callees callees, FunctionEmitter.Shape[] shapes,
                                    Map<Integer, int[]> regions) {
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
        emitDispatch(cw, name, batch);
        for (CompiledFunction f : batch) {
            String desc = FunctionEmitter.descriptor(f.paramCount());
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "f" + f.index(), desc, null, null);
            if (shapes[f.index()] == FunctionEmitter.Shape.REGIONS) {
                int[] bounds = regions.get(f.index());
                new FunctionEmitter(f, mv, callees, FunctionEmitter.Shape.REGIONS).dispatcher(bounds);
                int[][] entries = Regions.entries(f, bounds);
                for (int k = 0; k < entries.length; k++) {
                    MethodVisitor region = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, FunctionEmitter.regionName(f.index(), k), FunctionEmitter.DESCRIPTOR, null, null);
                    new FunctionEmitter(f, region, callees, FunctionEmitter.Shape.REGIONS).region(bounds[k], bounds[k + 1], entries[k]);
                }
            } else {
                new FunctionEmitter(f, mv, callees, shapes[f.index()]).emit();
            }
            emitBridge(cw, name, f);
            if (shapes[f.index()] == FunctionEmitter.Shape.SPLIT_START) {
                MethodVisitor loops = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "o" + f.index(), desc, null, null);
                new FunctionEmitter(f, loops, callees, FunctionEmitter.Shape.SPLIT_LOOPS).emit();
            }
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code enter(index, m, inst, fp, depth, room, fuel, entry)}: a switch to the batch's static methods. */
    private static void emitDispatch(ClassWriter cw, String name, List<CompiledFunction> batch) {
        String desc = "(IL" + FunctionEmitter.MACHINE + ";L" + FunctionEmitter.INSTANCE + ";IIIJI)J";
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "enter", desc, null, null);
        mv.visitCode();
        int[] keys = new int[batch.size()];
        Label[] labels = new Label[batch.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = batch.get(i).index();
            labels[i] = new Label();
        }
        Label bad = new Label();
        mv.visitVarInsn(ILOAD, 1);
        mv.visitLookupSwitchInsn(bad, keys, labels);
        for (int i = 0; i < keys.length; i++) {
            mv.visitLabel(labels[i]);
            FunctionEmitter.pushFixed(mv, 2, 0, true);
            mv.visitMethodInsn(INVOKESTATIC, name, "e" + keys[i], FunctionEmitter.DESCRIPTOR, false);
            mv.visitInsn(LRETURN);
        }
        mv.visitLabel(bad);
        FunctionEmitter.throwNew(mv, "java/lang/IllegalArgumentException", "no such function in this batch");
        mv.visitMaxs(0, 0);
        mv.visitEnd();
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

    /** With {@code -Dlia.jit.dump=DIR}, writes the generated classes there (for javap; debugging the emitter). */
    private static void dump(Map<String, byte[]> classes) {
        String dir = System.getProperty(DUMP);
        if (dir == null) return;
        try {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                java.nio.file.Path file = java.nio.file.Path.of(dir, c.getKey().replace('.', '/') + ".class");
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.write(file, c.getValue());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("lia.jit.dump: " + e.getMessage(), e);
        }
    }

    /** Defines a module's generated classes; they see Lia's classes through the loader that loaded Lia. */
    private static final class ModuleLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ModuleLoader(Map<String, byte[]> classes) {
            super(JvmTranslator.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) throw new ClassNotFoundException(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
