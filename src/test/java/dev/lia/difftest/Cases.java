package dev.lia.difftest;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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
     * With binaryen 132: the 3.0 features Lia runs. {@code --translate-to-exnref} turns the legacy
     * try/catch binaryen's fuzzer writes into the standard try_table and exnref. Relaxed SIMD is on,
     * although V8 runs it as the hardware does and Lia by the spec's deterministic profile: a
     * difference in a module with relaxed SIMD is judged apart ({@link DifferentialMain.Verdict#RELAXED_SIMD}).
     */
    static final List<String> FEATURES_30 = List.of("-mvp", "--enable-simd", "--enable-tail-call", "--enable-exception-handling",
            "--enable-multimemory", "--enable-memory64", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
            "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-extended-const",
            "--enable-relaxed-simd", "--enable-multivalue");

    /**
     * 3.0 features the generator is not given yet, until Lia runs them (issue 14; the {@code types}
     * work): garbage collection and typed function references, and what needs them (strings, stack switching).
     */
    static final List<String> FEATURES_PENDING = List.of("--enable-gc", "--enable-typed-function-references",
            "--enable-strings", "--enable-stack-switching", "--enable-shared-everything", "--enable-custom-descriptors");

    static List<String> features() {
        return Tools.FOUND != null && Tools.FOUND.wasm30() ? FEATURES_30 : FEATURES_20;
    }

    static boolean toolsPresent() {
        return Tools.FOUND != null;
    }

    /** The module binaryen makes of {@code seed}'s random bytes, written to {@code out}. */
    static byte[] generate(long seed, Path dir) throws IOException, InterruptedException {
        Random random = new Random(seed);
        byte[] noise = new byte[1024 + random.nextInt(15 * 1024)];
        random.nextBytes(noise);
        Path in = dir.resolve("seed-" + seed + ".bin");
        Path out = dir.resolve("case-" + seed + ".wasm");
        Files.write(in, noise);
        // --denan: the spec lets an engine pick any NaN payload for arithmetic results, and a NaN stored to
        // memory shows its payload to hashMemory; binaryen's pass turns NaNs that code computes into 0
        List<String> cmd = new ArrayList<>(List.of(Tools.FOUND.wasmOpt().toString(), in.toString(), "-ttf"));
        if (Tools.FOUND.wasm30()) cmd.add("--translate-to-exnref");
        cmd.addAll(List.of("--denan", "-o", out.toString()));
        cmd.addAll(features());
        Process p = Tools.FOUND.process(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wasm-opt timed out on seed " + seed);
        }
        if (p.exitValue() != 0) throw new IOException("wasm-opt failed on seed " + seed);
        Files.delete(in);
        return Files.readAllBytes(out);
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

    /** Whether JavaScript can call a function of this type: no v128 or exnref among its parameters and results. */
    static boolean jsCallable(FuncType type) {
        for (ValType t : type.params()) if (t == ValType.V128 || t == ValType.EXNREF) return false;
        for (ValType t : type.results()) if (t == ValType.V128 || t == ValType.EXNREF) return false;
        return true;
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
