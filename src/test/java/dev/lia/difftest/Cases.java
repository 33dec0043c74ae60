package dev.lia.difftest;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Making differential cases: modules from binaryen's {@code wasm-opt -ttf}, and the calls to make on them. */
final class Cases {
    private Cases() {}

    /**
     * With Debian's binaryen 108: WebAssembly 2.0 without SIMD, and without reference types (binaryen 108
     * generates them as the pre-standard {@code anyref}, which is not 2.0).
     */
    static final List<String> FEATURES_20 = List.of("-mvp", "--enable-sign-ext", "--enable-mutable-globals",
            "--enable-nontrapping-float-to-int", "--enable-bulk-memory", "--enable-multivalue");

    /**
     * With binaryen 132: every WebAssembly 3.0 feature. {@code --translate-to-exnref} turns the legacy
     * try/catch binaryen's fuzzer writes into the standard try_table and exnref. Relaxed SIMD is on,
     * although V8 runs it as the hardware does and Lia by the spec's deterministic profile: a
     * difference in a module with relaxed SIMD is judged apart ({@link DifferentialMain.Verdict#RELAXED_SIMD}).
     * Binaryen's -ttf never writes a second memory: {@link MultiMemory} adds one to a share of the modules.
     */
    static final List<String> FEATURES_30 = List.of("-mvp", "--enable-simd", "--enable-tail-call", "--enable-exception-handling",
            "--enable-gc", "--enable-multimemory", "--enable-memory64", "--enable-bulk-memory", "--enable-bulk-memory-opt",
            "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types",
            "--enable-extended-const", "--enable-relaxed-simd", "--enable-multivalue", "--enable-call-indirect-overlong");

    /**
     * Binaryen features beyond WebAssembly 3.0, never given to the generator: strings, stack switching,
     * shared-everything threads, custom descriptors, threads, fp16, wide arithmetic, custom page sizes.
     */
    static final List<String> FEATURES_BEYOND_30 = List.of("--enable-strings", "--enable-stack-switching",
            "--enable-shared-everything", "--enable-custom-descriptors", "--enable-threads", "--enable-fp16",
            "--enable-wide-arithmetic", "--enable-custom-page-sizes");

    static List<String> features() {
        return Tools.FOUND != null && Tools.FOUND.wasm30() ? FEATURES_30 : FEATURES_20;
    }

    static boolean toolsPresent() {
        return Tools.FOUND != null;
    }

    /**
     * The calls binaryen's own harness makes: every exported function in export order, each after
     * {@code hangLimitInitializer} (which resets the module's loop and recursion budget). Arguments
     * are drawn from {@code seed}; floats are never NaN, since JavaScript may not carry a payload.
     * After each call, {@code hashMemory} (when exported) shows the memory's contents.
     */
    static List<Call> calls(byte[] bytes, long seed) {
        Module m = ModuleDecoder.decode(bytes);
        List<FuncType> funcs = new ArrayList<>();
        for (Import i : m.imports()) if (i.desc() instanceof Import.Func f) funcs.add(m.types().get(f.typeIndex()));
        for (int t : m.functions()) funcs.add(m.types().get(t));
        Random random = new Random(seed * 31 + 7);
        boolean hangLimit = m.exports().stream().anyMatch(e -> e.kind() == ExternKind.FUNC && e.name().equals("hangLimitInitializer"));
        boolean hashMemory = m.exports().stream().anyMatch(e -> e.kind() == ExternKind.FUNC && e.name().equals("hashMemory")
                && funcs.get(e.index()).params().isEmpty() && funcs.get(e.index()).results().equals(List.of(ValType.I32)));
        List<Call> calls = new ArrayList<>();
        for (Export e : m.exports()) {
            if (e.kind() != ExternKind.FUNC || e.name().equals("hangLimitInitializer")) continue;
            FuncType type = funcs.get(e.index());
            if (!jsCallable(type)) continue; // JavaScript has no v128 or exnref: V8 refuses such a call before it starts
            if (hangLimit) calls.add(new Call("hangLimitInitializer", List.of(), new long[0], List.of()));
            long[] args = new long[type.params().size()];
            for (int i = 0; i < args.length; i++) args[i] = arg(type.params().get(i), random);
            calls.add(new Call(e.name(), type.params(), args, type.results()));
            // binaryen's hashMemory only reads memory: after every call it shows a difference in memory early
            if (hashMemory && !e.name().equals("hashMemory")) calls.add(new Call("hashMemory", List.of(), new long[0], List.of(ValType.I32)));
        }
        return calls;
    }

    /**
     * Whether JavaScript can call a function of this type with the arguments drawn here: no v128 or
     * exception reference among its parameters and results (V8 refuses those before the call), and no
     * non-nullable reference parameter (a reference argument is always null).
     */
    static boolean jsCallable(FuncType type) {
        for (ValType t : type.params()) if (!jsValue(t) || t.isRef() && !t.nullable) return false;
        for (ValType t : type.results()) if (!jsValue(t)) return false;
        return true;
    }

    private static boolean jsValue(ValType t) {
        return t != ValType.V128 && !(t.isRef() && (t.heap == ValType.EXN || t.heap == ValType.NOEXN));
    }

    private static long arg(ValType t, Random r) {
        int pick = r.nextInt(4);
        return switch (t.kind) {
            case I32 -> pick == 0 ? 0 : pick == 1 ? -1 : pick == 2 ? 1 : r.nextInt();
            case I64 -> pick == 0 ? 0 : pick == 1 ? -1 : pick == 2 ? 1L << 40 : r.nextLong();
            case F32 -> Float.floatToRawIntBits(pick == 0 ? 0f : pick == 1 ? -1.5f : pick == 2 ? Float.POSITIVE_INFINITY
                    : (float) (r.nextGaussian() * 1e6));
            case F64 -> Double.doubleToRawLongBits(pick == 0 ? 0d : pick == 1 ? -0d : pick == 2 ? Double.MIN_VALUE
                    : r.nextGaussian() * 1e12);
            default -> 0; // null reference
        };
    }
}
