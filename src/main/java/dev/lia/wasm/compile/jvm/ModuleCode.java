package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.exec.CompiledCode;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A module's functions as JVM bytecode, translated one function at a time when first needed: when
 * the tier asks for a function's code ({@link #code}), or when compiled code first runs a direct
 * call to it (the JVM resolves the callee's class through the module's class loader, which
 * translates it then). Each function is its own class, defined by a class loader of the module's
 * own, so the code is collected with the module; a function the translator leaves gets a class too,
 * a stub that runs it in the interpreter, so that compiled callers can call every function directly.
 *
 * <p>Invariant: a function's class, once defined, never changes, and so neither does what
 * {@link #code} answers for it. All translation happens under the loader's lock (the JVM takes it
 * while it asks the loader for a class; {@link #code} takes it too), one function at a time.
 */
public final class ModuleCode {
    private static final AtomicLong COMPILED = new AtomicLong();
    private static final AtomicLong LEFT = new AtomicLong();
    private static final ConcurrentHashMap<String, AtomicLong> WHY = new ConcurrentHashMap<>();

    private final ModuleLayout layout;
    private final Loader loader;
    /** Per function index, once translated: its code (null if left), whether it has loop entries, why it was left. */
    private final CompiledCode[] code;
    private final boolean[] loopEntries;
    private final boolean[] translated;
    private final Map<Integer, String> left = new TreeMap<>();

    ModuleCode(ModuleLayout layout) {
        this.layout = layout;
        this.loader = new Loader();
        this.code = new CompiledCode[layout.total()];
        this.loopEntries = new boolean[layout.total()];
        this.translated = new boolean[layout.total()];
    }

    /** Function {@code index}'s code, translating it now if no one asked before; null for imports and functions left to the interpreter. */
    public CompiledCode code(int index) {
        if (index < layout.imported || index >= layout.total()) return null;
        synchronized (loader) {
            if (!translated[index]) {
                try {
                    loader.loadClass(layout.functionClass(index).replace('/', '.'));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("the compiled tier lost the class of function " + index, e);
                }
            }
            return code[index];
        }
    }

    /** Whether function {@code index} has been translated (its class made), so that {@link #code} answers at once. */
    public boolean isTranslated(int index) {
        if (index < layout.imported || index >= layout.total()) return false;
        synchronized (loader) {
            return translated[index];
        }
    }

    /** Translates every function not translated yet (the compiled tier asked for: every function compiled, whether it runs or not). */
    public void translateAll() {
        for (int i = layout.imported; i < layout.total(); i++) code(i);
    }

    /** The Java stack, in bytes, a call of function {@code index}'s method may take (an estimate that errs high). */
    public int frameCost(int index) {
        return layout.frameCost[index];
    }

    /** Whether function {@code index}'s method can be entered at its loop starts (else only at its start: it was too large with them). */
    public boolean loopEntries(int index) {
        synchronized (loader) {
            return loopEntries[index];
        }
    }

    /** Functions translated so far and left to the interpreter, by index, with the reason. */
    public Map<Integer, String> left() {
        synchronized (loader) {
            return Map.copyOf(left);
        }
    }

    /** Functions compiled and functions left to the interpreter, over every module this JVM translated. */
    public static long[] totals() {
        return new long[] {COMPILED.get(), LEFT.get()};
    }

    /** Why functions were left to the interpreter (numbers in the reasons replaced by N), with how many, over this JVM's run. */
    public static Map<String, Long> leftReasons() {
        Map<String, Long> out = new TreeMap<>();
        WHY.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Called under the loader's lock once function {@code index}'s class is defined. */
    private void record(int index, CompiledCode c, boolean loops, String why) {
        translated[index] = true;
        code[index] = c;
        loopEntries[index] = loops;
        if (c != null) {
            COMPILED.incrementAndGet();
        } else {
            left.put(index, why);
            LEFT.incrementAndGet();
            WHY.computeIfAbsent(why.replaceAll("[0-9]+", "N"), k -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * Defines the module's classes as they are asked for. They see Lia's classes through the loader
     * that loaded Lia. Not parallel-capable on purpose: the JVM then asks under this loader's own
     * lock, which {@link ModuleCode} also takes, so one function is translated at a time.
     */
    private final class Loader extends ClassLoader {
        Loader() {
            super(JvmTranslator.class.getClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.equals(layout.indirectOwner().replace('/', '.'))) {
                byte[] bytes = IndirectCalls.emit(layout.indirectOwner(), layout);
                return defineClass(name, bytes, 0, bytes.length);
            }
            int index = layout.functionOf(name);
            if (index < 0) throw new ClassNotFoundException(name);
            JvmTranslator.Translation t = JvmTranslator.function(layout, index);
            Class<?> c = defineClass(name, t.bytes(), 0, t.bytes().length);
            if (t.left() != null) {
                record(index, null, false, t.left());
                return c;
            }
            CompiledCode instance;
            try { // verifies the class now, while the function can still be left to the interpreter
                instance = (CompiledCode) c.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                if (JvmTranslator.strict()) throw new IllegalStateException("generated class " + name + " does not load: " + e, e);
                record(index, null, false, "generated class rejected: " + e);
                return c;
            }
            record(index, instance, t.loopEntries(), null);
            return c;
        }
    }
}
