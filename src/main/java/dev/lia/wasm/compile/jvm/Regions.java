package dev.lia.wasm.compile.jvm;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a function whose method would be too large is cut into regions, each a method of its own
 * ({@link FunctionEmitter#region}). A cut stands where the frame holds exactly the wasm operand
 * stack (a branch target, a loop start, the position after a conditional branch, a call or a
 * {@code FUEL}): there the slots a region hands on are its locals and the operands up to the
 * height, as at a stop. Cuts avoid loops where they can, since every crossing writes and reads the
 * frame: a range too large is cut at its shallowest candidate, the nearest to its middle.
 */
final class Regions {
    /** The size a region method aims at, in bytes: well under HotSpot's 8,000, so that C1 compiles it as well as C2. */
    static int target() {
        return Integer.getInteger("lia.jit.regionBytes", 5000); // read per module: tests cut small
    }
    /** More regions than this and the function stays in the interpreter. */
    private static final int MAX_REGIONS = 64;

    /** The bytecode size of region {@code [lo, hi)} entered at {@code entries}. */
    interface Sizer {
        int size(int lo, int hi, int[] entries);
    }

    /**
     * A cheap guess at a region's size from one emission of the whole body ({@code offsets[p]}: the
     * bytecode offset of position {@code p}, {@code total}: the method's size): its share of the body
     * and of the code after it, plus what reading and writing the frame's slots takes. The cutting
     * goes by the guess and emits only the regions it settles on (a trial emission per candidate
     * range made translating a module with printf in it cost most of a second).
     */
    static Sizer estimate(int[] offsets, int total, int slots) {
        int body = Math.max(1, offsets[offsets.length - 1]);
        double late = Math.max(0, total - body - 20.0 * slots) / body;
        return (lo, hi, entries) -> (int) ((offsets[hi] - offsets[lo]) * (1 + late)) + 20 * slots + 8 * entries.length;
    }

    private final CompiledFunction f;
    private final int[] code;
    /** Every branch as (from, to). */
    private final List<int[]> branches = new ArrayList<>();
    private final TreeSet<Integer> candidates = new TreeSet<>();
    /** Loops as (start, last back edge). */
    private final List<int[]> loops = new ArrayList<>();

    private Regions(CompiledFunction f) {
        this.f = f;
        this.code = f.code();
        List<Integer> loopStarts = new ArrayList<>();
        for (int p = 0; p < code.length; ) {
            int op = code[p];
            int next = p + 1 + Op.operandCount(code, p);
            for (int t : targets(p)) {
                branches.add(new int[] {p, t});
                candidates.add(t);
            }
            if (op == Op.LOOP) {
                loopStarts.add(p);
                candidates.add(p);
            }
            boolean fallsOn = op == Op.BR_IF || op == Op.BR_UNLESS || op == Op.BR_IF_MOVE || op == Op.BR_IF_RETURN || op == Op.FUEL
                    || op == Op.CALL || op == Op.CALL_INDIRECT || (op >= Op.BR_IF_I32_EQ && op <= Op.BR_IF_I32_GE_U);
            if (fallsOn && next < code.length) candidates.add(next);
            p = next;
        }
        candidates.removeIf(c -> c <= 0 || c >= code.length || f.heightIfStart(c) < 0);
        for (int start : loopStarts) {
            int last = start;
            for (int[] b : branches) if (b[1] == start && b[0] > last) last = b[0];
            loops.add(new int[] {start, last});
        }
    }

    /** The positions the instruction at {@code p} may branch to. */
    private int[] targets(int p) {
        int op = code[p];
        if (op == Op.BR || op == Op.BR_MOVE) return new int[] {code[p + 2]};
        if (op == Op.BR_IF || op == Op.BR_UNLESS || op == Op.BR_IF_MOVE) return new int[] {code[p + 3]};
        if (op >= Op.BR_IF_I32_EQ && op <= Op.BR_IF_I32_GE_U) return new int[] {code[p + 4]};
        if (op == Op.BR_TABLE) {
            int n = code[p + 3];
            int[] t = new int[n + 1];
            for (int e = 0; e <= n; e++) t[e] = code[p + 4 + 4 * e];
            return t;
        }
        return new int[0];
    }

    /**
     * The region bounds for {@code f} ({@code bounds[k]} starts region k, the last is the code's
     * end), each region within {@code limit} bytes by {@code sizer}, or where it cannot be cut further
     * within {@code hardLimit}; null if no cutting gets there.
     */
    static int[] bounds(CompiledFunction f, int limit, int hardLimit, Sizer guess, Sizer sizer) {
        Regions r = new Regions(f);
        List<Integer> starts = new ArrayList<>();
        if (!r.cut(0, f.code().length, limit, hardLimit, guess, sizer, starts)) return null;
        int[] bounds = new int[starts.size() + 1];
        for (int i = 0; i < starts.size(); i++) bounds[i] = starts.get(i);
        bounds[starts.size()] = f.code().length;
        return bounds;
    }

    /** Cuts by the guess while it says too large, then checks by emitting (and cuts on by real sizes if the guess was low). */
    private boolean cut(int lo, int hi, int limit, int hardLimit, Sizer guess, Sizer sizer, List<Integer> starts) {
        if (starts.size() >= MAX_REGIONS) return false;
        int[] entries = entries(lo, hi);
        int c = -1;
        if (guess == null || guess.size(lo, hi, entries) <= limit) {
            int size = sizer.size(lo, hi, entries);
            c = size <= limit || guess != null ? -1 : bestCut(lo, hi);
            if (c < 0) { // small enough, or as small as it gets
                if (size > hardLimit) {
                    if (guess == null) return false;
                    return cut(lo, hi, limit, hardLimit, null, sizer, starts); // the guess was low: by real sizes from here
                }
                starts.add(lo);
                return true;
            }
        } else {
            c = bestCut(lo, hi);
            if (c < 0) return cut(lo, hi, limit, hardLimit, null, sizer, starts);
        }
        return cut(lo, c, limit, hardLimit, guess, sizer, starts) && cut(c, hi, limit, hardLimit, guess, sizer, starts);
    }

    /** The candidate in {@code (lo, hi)} inside the fewest loops, nearest the middle; -1 if none. */
    private int bestCut(int lo, int hi) {
        int mid = (lo + hi) >>> 1;
        int best = -1;
        long bestScore = Long.MAX_VALUE;
        for (int c : candidates.subSet(lo, false, hi, false)) {
            int depth = 0;
            for (int[] l : loops) if (l[0] < c && c <= l[1]) depth++;
            long score = (long) depth * (hi - lo) + Math.abs(c - mid);
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** Where region {@code [lo, hi)} may be entered: its start, its loop starts, and the targets of branches from outside it. */
    int[] entries(int lo, int hi) {
        TreeSet<Integer> e = new TreeSet<>();
        e.add(lo);
        for (int[] l : loops) if (l[0] >= lo && l[0] < hi) e.add(l[0]);
        for (int[] b : branches) if ((b[0] < lo || b[0] >= hi) && b[1] >= lo && b[1] < hi) e.add(b[1]);
        return e.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@link #entries} of each region of {@code bounds}. */
    static int[][] entries(CompiledFunction f, int[] bounds) {
        Regions r = new Regions(f);
        int[][] out = new int[bounds.length - 1][];
        for (int k = 0; k + 1 < bounds.length; k++) out[k] = r.entries(bounds[k], bounds[k + 1]);
        return out;
    }
}
