package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * A function's locals (parameters first, then declared runs) looked up by index. Runs are kept
 * compressed, because a body may declare very many locals of one type.
 */
public final class Locals {
    private final ValType[] runTypes;
    private final long[] runEnds; // exclusive end index of each run, ascending

    public Locals(List<ValType> params, List<Local> declared) {
        List<ValType> types = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        long n = 0;
        for (ValType p : params) {
            types.add(p);
            ends.add(++n);
        }
        for (Local l : declared) {
            if (l.count() == 0) continue;
            n += l.count();
            types.add(l.type());
            ends.add(n);
        }
        runTypes = types.toArray(new ValType[0]);
        runEnds = new long[ends.size()];
        for (int i = 0; i < runEnds.length; i++) runEnds[i] = ends.get(i);
    }

    public long count() {
        return runEnds.length == 0 ? 0 : runEnds[runEnds.length - 1];
    }

    /** The type of local {@code index}, or "unknown local". */
    public ValType type(long index, int offset) {
        if (index < 0 || index >= count()) throw new InvalidException("unknown local " + index, offset);
        int lo = 0, hi = runEnds.length - 1; // first run whose end is past index
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runEnds[mid] > index) hi = mid;
            else lo = mid + 1;
        }
        return runTypes[lo];
    }
}
