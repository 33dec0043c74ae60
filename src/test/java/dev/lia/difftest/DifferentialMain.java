package dev.lia.difftest;

import dev.lia.wasm.exec.Tier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The long differential run: binaryen makes modules from random seeds (a share of them then given a
 * second memory by {@link MultiMemory}), V8 (node) and Lia run every exported function, and the event
 * sequences (log calls, results, trap classes) must be equal; Lia also runs each case compiled and
 * stepped (fuel stops and suspensions moved to fresh machines, alternating tiers) and must match its
 * interpreter. Differences are written to {@code OUT} as {@code case-SEED.wasm} with both event lists.
 *
 * <pre>
 * DifferentialMain COUNT [FIRST_SEED [OUT [SHARD/SHARDS]]]   run seeds FIRST..FIRST+COUNT-1 (those of one shard)
 * DifferentialMain --summary OUT                              add up every results file in OUT
 * </pre>
 * ({@code tools/difftest/run.sh} builds and starts it.) Each seed's outcome is appended to
 * {@code OUT/results-FIRST-COUNT-SHARD-of-SHARDS.tsv} as it is judged, so a run stopped at any point
 * goes on where it was when started again with the same arguments; shards of one range (for
 * processes side by side) take every SHARDS-th seed.
 */
public final class DifferentialMain {
    private DifferentialMain() {}

    /** Fuel steps for the stepped run, chosen by seed: from every instruction run to a few thousand. */
    static final long[] STEPS = {1, 3, 17, 101, 1009, 7919};

    /**
     * SAME: Lia's events are V8's. STACK_DEPTH: they part at a stack overflow (engines may recurse to
     * different depths). RESOURCE_LIMIT: they part at an allocation one engine refuses (V8 caps an
     * array's length, Lia the GC heap's slots: both implementation limits the spec allows). RELAXED_SIMD: they part in a module with relaxed SIMD, which V8 runs as the
     * hardware does and Lia by the spec's deterministic profile. DIFFERENT: anything else.
     * SELF_DIFFERENT: Lia's tiers or its stepped run disagree with its interpreter. UNSAVEABLE: as SAME,
     * but the stepped run stopped where Lia cannot save a state (counted by reason).
     * CRASH: Lia's side threw (a bug in Lia or the harness), written out like a difference.
     * UNDECODABLE: Lia's decoder refused what binaryen wrote (every feature is on: a finding).
     * HARNESS_ERROR: the multi-memory pass or the V8 runner failed on the module (a harness bug).
     */
    enum Verdict { SAME, STACK_DEPTH, RESOURCE_LIMIT, DIFFERENT, SELF_DIFFERENT, RELAXED_SIMD, UNSAVEABLE, CRASH, UNDECODABLE, HARNESS_ERROR }

    record Result(Verdict verdict, List<String> v8, List<String> lia, List<String> stepped) {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--summary")) {
            RunLog.summary(Path.of(args[1]), System.out);
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        long first = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Path out = Path.of(args.length > 2 ? args[2] : "target/difftest");
        int shard = 0, shards = 1;
        if (args.length > 3) {
            String[] p = args[3].split("/");
            shard = Integer.parseInt(p[0]);
            shards = Integer.parseInt(p[1]);
        }
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("lia-difftest");
        RunLog log = RunLog.open(out, first, count, shard, shards);
        long started = System.nanoTime();
        long cpuStart = RunLog.javaCpuNanos();
        int done = 0;
        try (V8Side v8 = new V8Side(); Generator generator = new Generator(work)) {
            for (long seed = first + shard; seed < first + count; seed += shards) {
                if (log.done(seed)) continue;
                long t0 = System.nanoTime();
                RunLog.Entry e = one(seed, generator, v8, out);
                log.append(e.withMillis((System.nanoTime() - t0) / 1_000_000));
                if (++done % 100 == 0) System.out.printf("%s, %.0f s%n", log.progress(), (System.nanoTime() - started) / 1e9);
            }
            log.session(done, System.nanoTime() - started, RunLog.javaCpuNanos() - cpuStart, generator.nodeCpuNanos() + v8.nodeCpuNanos());
        }
        log.close();
        RunLog.summary(out, System.out);
    }

    /** Generates, runs and judges one seed; a difference is written to {@code out}. */
    static RunLog.Entry one(long seed, Generator generator, V8Side v8, Path out) throws IOException, InterruptedException {
        byte[] bytes;
        try {
            bytes = generator.generate(seed);
        } catch (IOException e) {
            return RunLog.Entry.generatorFailure(seed, e.getMessage());
        }
        Path wasm = generator.wasm(seed);
        try {
            try {
                dev.lia.wasm.binary.ModuleDecoder.decode(bytes);
            } catch (dev.lia.wasm.WasmException e) {
                return written(seed, out, wasm, Verdict.UNDECODABLE, String.valueOf(e));
            }
            try {
                bytes = MultiMemory.apply(bytes, seed);
                Files.write(wasm, bytes);
            } catch (RuntimeException e) {
                return written(seed, out, wasm, Verdict.HARNESS_ERROR, "multi-memory pass: " + e);
            }
            java.util.Set<FeatureMix> features = FeatureMix.of(bytes);
            List<Call> cs = Cases.calls(bytes, seed);
            List<String> expected = v8.run(wasm, bytes, cs);
            Result r;
            try {
                r = judge(expected, bytes, cs, seed);
            } catch (RuntimeException | StackOverflowError e) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                r = new Result(Verdict.CRASH, expected, List.of(trace.toString()), List.of());
            }
            if (r.v8().stream().anyMatch(x -> x.startsWith("error:runner"))) r = new Result(Verdict.HARNESS_ERROR, r.v8(), r.lia(), r.stepped());
            String reason = r.verdict() == Verdict.UNSAVEABLE ? RunLog.reason(r.stepped().get(r.stepped().size() - 1)) : "";
            if (r.verdict() != Verdict.SAME && r.verdict() != Verdict.UNSAVEABLE) {
                Files.copy(wasm, out.resolve("case-" + seed + ".wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.write(out.resolve("case-" + seed + ".v8"), r.v8());
                Files.write(out.resolve("case-" + seed + ".lia"), r.lia());
                Files.write(out.resolve("case-" + seed + ".stepped"), r.stepped());
                System.out.println("seed " + seed + ": " + r.verdict());
            }
            return new RunLog.Entry(seed, r.verdict().name(), cs.size(), features, reason, 0);
        } finally {
            Files.deleteIfExists(wasm);
        }
    }

    private static RunLog.Entry written(long seed, Path out, Path wasm, Verdict v, String why) throws IOException {
        Files.copy(wasm, out.resolve("case-" + seed + ".wasm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(out.resolve("case-" + seed + ".lia"), why + "\n");
        System.out.println("seed " + seed + ": " + v + " " + why);
        return new RunLog.Entry(seed, v.name(), 0, java.util.Set.of(), "", 0);
    }

    static Result compare(V8Side v8, Path wasm, byte[] bytes, List<Call> calls, long seed) throws IOException {
        List<String> expected = v8.run(wasm, bytes, calls);
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
        else if (firstDifferenceIs("trap:stack", expected, lia)) v = Verdict.STACK_DEPTH;
        else if (firstDifferenceIs("trap:resource-limit", expected, lia)) v = Verdict.RESOURCE_LIMIT;
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

    /**
     * Engines may differ in how deep wasm may recurse and how much it may allocate: a difference that
     * starts, within the call where the events part, at such a trap ({@code event}) on either side is explained.
     */
    private static boolean firstDifferenceIs(String event, List<String> a, List<String> b) {
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) i++;
        for (int k = i; k < Math.max(a.size(), b.size()); k++) {
            boolean sa = k < a.size() && a.get(k).equals(event);
            boolean sb = k < b.size() && b.get(k).equals(event);
            if (sa || sb) return true;
            if (k < a.size() && a.get(k).startsWith("call ")) break;
        }
        return false;
    }
}
