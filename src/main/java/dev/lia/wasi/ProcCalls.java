package dev.lia.wasi;

/** Arguments, environment, clocks, random bytes, exit and yield. */
final class ProcCalls {
    private final WasiState state;

    ProcCalls(WasiState state) {
        this.state = state;
    }

    /** {@code args_sizes_get} and {@code environ_sizes_get}: the count and the bytes with NULs. */
    static int sizes(GuestMemory m, byte[][] strings, long countPtr, long sizePtr) throws WasiError {
        m.check(countPtr, m.usizeBytes());
        m.check(sizePtr, m.usizeBytes());
        long size = 0;
        for (byte[] s : strings) size += s.length + 1;
        if (size > m.usizeMax()) return WasiErrno.EOVERFLOW;
        m.setUsize(countPtr, strings.length);
        m.setUsize(sizePtr, size);
        return WasiErrno.SUCCESS;
    }

    /** {@code args_get} and {@code environ_get}: pointers at {@code ptrs}, NUL-terminated strings from {@code buf}. */
    static int strings(GuestMemory m, byte[][] strings, long ptrs, long buf) throws WasiError {
        long size = 0;
        for (byte[] s : strings) size += s.length + 1;
        int w = m.usizeBytes();
        m.checkArray(ptrs, strings.length, w);
        m.check(buf, size);
        long at = buf;
        for (int i = 0; i < strings.length; i++) {
            m.setUsize(ptrs + (long) w * i, at);
            m.write(at, strings[i]);
            m.setU8(at + strings[i].length, 0);
            at += strings[i].length + 1;
        }
        return WasiErrno.SUCCESS;
    }

    int argsSizesGet(GuestMemory m, long[] a) throws WasiError {
        return sizes(m, state.args, m.ptr(a[0]), m.ptr(a[1]));
    }

    int argsGet(GuestMemory m, long[] a) throws WasiError {
        return strings(m, state.args, m.ptr(a[0]), m.ptr(a[1]));
    }

    int environSizesGet(GuestMemory m, long[] a) throws WasiError {
        return sizes(m, state.env, m.ptr(a[0]), m.ptr(a[1]));
    }

    int environGet(GuestMemory m, long[] a) throws WasiError {
        return strings(m, state.env, m.ptr(a[0]), m.ptr(a[1]));
    }

    int clockResGet(GuestMemory m, long[] a) throws WasiError {
        int id = (int) a[0];
        if (!WasiClock.valid(id)) return WasiErrno.EINVAL;
        m.setI64(m.ptr(a[1]), state.clock.resolution(id));
        return WasiErrno.SUCCESS;
    }

    int clockTimeGet(GuestMemory m, long[] a) throws WasiError {
        int id = (int) a[0];
        if (!WasiClock.valid(id)) return WasiErrno.EINVAL;
        long out = m.ptr(a[2]);
        m.check(out, 8); // before reading: a failed call must not move the virtual clock
        m.setI64(out, state.clock.time(id));
        return WasiErrno.SUCCESS;
    }

    int randomGet(GuestMemory m, long[] a) throws WasiError {
        long buf = m.ptr(a[0]);
        long len = m.ptr(a[1]);
        int at = m.check(buf, len);
        state.random.fill(m.bytes(), at, (int) len);
        return WasiErrno.SUCCESS;
    }

    /** {@code proc_exit}: flushes the output and ends the run with {@link WasiExit}. */
    void procExit(long[] a) {
        state.flush();
        throw new WasiExit((int) a[0]);
    }

    int schedYield(GuestMemory m, long[] a) {
        return WasiErrno.SUCCESS;
    }
}
