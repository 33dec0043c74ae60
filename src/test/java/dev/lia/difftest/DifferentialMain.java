package dev.lia.difftest;

import dev.lia.wasm.exec.Tier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The long differential run: binaryen makes modules from random seeds, V8 (node) and Lia run every
 * exported function, and the event sequences (log calls, results, trap classes) must be equal; Lia
 * also runs each case stepped (fuel stops and suspensions moved to fresh machines) and must match
 * itself. Differences are written to {@code OUT} as {@code case-SEED.wasm} with both event lists.
 *
 * <pre>
 * mvn -q test-compile
 * java -cp target/classes:target/test-classes:$(cat target/test-cp.txt) dev.lia.difftest.DifferentialMain COUNT [FIRST_SEED] [OUT]
 * </pre>
 * ({@code tools/difftest/run.sh COUNT [FIRST_SEED]} does both.)
 */
public final class DifferentialMain {
    private DifferentialMain() {}

    /** Fuel steps for the stepped run, chosen by seed: from every instruction run to a few thousand. */
    static final long[] STEPS = {1, 3, 17, 101, 1009, 7919};

    /**
     * SAME: Lia's events are V8's. STACK_DEPTH: they part at a stack overflow (engines may recurse to
     * different depths). RELAXED_SIMD: they part in a module with relaxed SIMD, which V8 runs as the
     * hardware does and Lia by the spec's deterministic profile. DIFFERENT: anything else.
     * SELF_DIFFERENT: Lia's tiers or its stepped run disagree with its interpreter. UNSAVEABLE: as SAME,
     * but the stepped run stopped where Lia cannot save a state yet (an exnref in a table or global).
     * CRASH: Lia's side threw (a bug in Lia or the harness), written out like a difference.
     * PENDING_FEATURE: binaryen used a feature Lia does not decode yet (typed function references,
     * GC: {@link Cases#FEATURES_PENDING}), although not asked to; not run.
     */
    enum Verdict { SAME, STACK_DEPTH, DIFFERENT, SELF_DIFFERENT, RELAXED_SIMD, UNSAVEABLE, CRASH, PENDING_FEATURE }

    record Result(Verdict verdict, List<String> v8, List<String> lia, List<String> stepped) {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path out = Path.of(args.length > 2 ? args[2] : "target/difftest");
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("lia-difftest");
        int[] counts = new int[Verdict.values().length];
        long calls = 0, generatorFailures = 0;
        long started = System.nanoTime();
        try (V8Side v8 = new V8Side()) {
            for (long seed = first; seed < first + count; seed++) {
                byte[] bytes;
                try {
                    bytes = Cases.generate(seed, work);
                } catch (IOException e) {
                    generatorFailures++;
                    continue;
                }
                Path wasm = work.resolve("case-" + seed + ".wasm");
                List<Call> cs;
                try {
                    cs = Cases.calls(bytes, seed);
                } catch (dev.lia.wasm.WasmException e) { // Lia cannot decode it: a feature still pending
                    counts[Verdict.PENDING_FEATURE.ordinal()]++;
                    System.out.println("seed " + seed + ": PENDING_FEATURE " + e.getMessage());
                    Files.delete(wasm);
                    continue;
                }
                calls += cs.size();
                Result r;
                try {
                    r = compare(v8, wasm, bytes, cs, seed);
                } catch (RuntimeException | StackOverflowError e) {
                    r = new Result(Verdict.CRASH, List.of(), List.of(String.valueOf(e)), List.of());
                }
                counts[r.verdict().ordinal()]++;
                if (r.verdict() != Verdict.SAME && r.verdict() != Verdict.UNSAVEABLE) {
                    Files.copy(wasm, out.resolve("case-" + seed + ".wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.write(out.resolve("case-" + seed + ".v8"), r.v8());
                    Files.write(out.resolve("case-" + seed + ".lia"), r.lia());
                    Files.write(out.resolve("case-" + seed + ".stepped"), r.stepped());
                    System.out.println("seed " + seed + ": " + r.verdict());
                }
                Files.delete(wasm);
                long done = seed - first + 1;
                if (done % 250 == 0) System.out.printf("%d cases, %d calls, %s, %.0f s%n", done, calls,
                        java.util.Arrays.toString(counts), (System.nanoTime() - started) / 1e9);
            }
        }
        System.out.printf("modules %d (%s), calls %d, same %d (stepped run unsaveable %d), stack-depth only %d, relaxed SIMD only %d, different %d, "
                        + "stepped or tiers differ %d, crashes %d, pending features %d, generator failures %d, %.0f s%n", count - generatorFailures,
                Tools.FOUND.wasm30() ? "3.0 features" : "2.0", calls, counts[0] + counts[5], counts[5], counts[1], counts[4], counts[2],
                counts[3], counts[6], counts[7], generatorFailures,
                (System.nanoTime() - started) / 1e9);
    }

    static Result compare(V8Side v8, Path wasm, byte[] bytes, List<Call> calls, long seed) throws IOException {
        List<String> expected = v8.run(wasm, calls);
        return judge(expected, bytes, calls, seed);
    }

    /**
     * Lia against the events V8 gave: the interpreter straight; every function compiled, straight;
     * and stepped, moving between the interpreter and compiled code at every stop. The last two must
     * give exactly the interpreter's events.
     */
    static Result judge(List<String> expected, byte[] bytes, List<Call> calls, long seed) {
        List<String> lia = LiaSide.run(bytes, calls, 0, false, new Tier[] {Tier.INTERP});
        List<String> compiled = LiaSide.run(bytes, calls, 0, false, new Tier[] {Tier.COMPILED});
        long step = STEPS[(int) Math.floorMod(seed, (long) STEPS.length)];
        List<String> stepped = LiaSide.run(bytes, calls, step, true, new Tier[] {Tier.COMPILED, Tier.INTERP});
        Verdict v;
        boolean unsaveable = !stepped.isEmpty() && stepped.get(stepped.size() - 1).startsWith("unsaveable: ")
                && lia.subList(0, Math.min(lia.size(), stepped.size() - 1)).equals(stepped.subList(0, stepped.size() - 1));
        if ((!stepped.equals(lia) && !unsaveable) || !compiled.equals(lia)) v = Verdict.SELF_DIFFERENT;
        else if (lia.equals(expected)) v = unsaveable ? Verdict.UNSAVEABLE : Verdict.SAME;
        else if (firstDifferenceIsStackDepth(expected, lia)) v = Verdict.STACK_DEPTH;
        else if (usesRelaxedSimd(bytes)) v = Verdict.RELAXED_SIMD;
        else v = Verdict.DIFFERENT;
        return new Result(v, expected, lia, stepped);
    }

    /** Whether a (decodable) module has a relaxed SIMD instruction (0xFD 0x100..0x113). */
    static boolean usesRelaxedSimd(byte[] bytes) {
        try {
            for (dev.lia.wasm.syntax.FunctionBody body : dev.lia.wasm.binary.ModuleDecoder.decode(bytes).codes()) {
                for (dev.lia.wasm.syntax.Instruction in : body.body().instructions()) {
                    if (in.op.isSimd() && in.op.code - dev.lia.wasm.syntax.Opcode.PREFIX_FD >= 0x100) return true;
                }
            }
        } catch (dev.lia.wasm.WasmException e) {
            return false;
        }
        return false;
    }

    /** Engines may differ in how deep wasm may recurse: a difference starting at a stack overflow is explained. */
    private static boolean firstDifferenceIsStackDepth(List<String> a, List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) i++;
        for (int k = i; k < Math.max(a.size(), b.size()); k++) {
            boolean sa = k < a.size() && a.get(k).equals("trap:stack");
            boolean sb = k < b.size() && b.get(k).equals("trap:stack");
            if (sa || sb) return true;
            if (k < a.size() && a.get(k).startsWith("call ")) break;
        }
        return false;
    }
}
