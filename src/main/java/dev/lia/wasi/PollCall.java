package dev.lia.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}. Descriptors are always ready: a read subscription reports the bytes that can
 * be read without waiting, a write subscription is ready at once. When only clocks are subscribed,
 * the clock is brought to the earliest deadline (a virtual clock jumps there, a real one sleeps) and
 * every subscription due by then fires.
 */
final class PollCall {
    static final int EVENTTYPE_CLOCK = 0;
    static final int EVENTTYPE_FD_READ = 1;
    static final int EVENTTYPE_FD_WRITE = 2;
    static final int SUBCLOCK_ABSTIME = 1;
    static final int SUBSCRIPTION_SIZE = 48;
    static final int EVENT_SIZE = 32;

    private record Event(long userdata, int error, int type, long nbytes) {}

    private final WasiState state;

    PollCall(WasiState state) {
        this.state = state;
    }

    int pollOneoff(GuestMemory m, long[] a) throws WasiError, IOException {
        long in = m.ptr(a[0]);
        long out = m.ptr(a[1]);
        long n = m.ptr(a[2]);
        long neventsPtr = m.ptr(a[3]);
        if (n == 0) return WasiErrno.EINVAL;
        m.checkArray(in, n, SUBSCRIPTION_SIZE); // subscriptions and events hold no pointers: the same in both ABIs
        m.checkArray(out, n, EVENT_SIZE);
        m.check(neventsPtr, m.usizeBytes());

        List<Event> ready = new ArrayList<>();
        int clocks = 0;
        long[] clockId = new long[(int) n];
        long[] deadline = new long[(int) n];
        long[] userdata = new long[(int) n];
        boolean[] isClock = new boolean[(int) n];
        for (int i = 0; i < n; i++) {
            long s = in + (long) i * SUBSCRIPTION_SIZE;
            userdata[i] = m.i64(s);
            int tag = m.u8(s + 8);
            switch (tag) {
                case EVENTTYPE_CLOCK -> {
                    int id = m.i32(s + 16);
                    long timeout = m.i64(s + 24);
                    int flags = m.u16(s + 40);
                    if (!WasiClock.valid(id)) {
                        ready.add(new Event(userdata[i], WasiErrno.EINVAL, EVENTTYPE_CLOCK, 0));
                        continue;
                    }
                    isClock[i] = true;
                    clockId[i] = id;
                    deadline[i] = (flags & SUBCLOCK_ABSTIME) != 0 ? timeout : state.clock.peek(id) + timeout;
                    clocks++;
                }
                case EVENTTYPE_FD_READ, EVENTTYPE_FD_WRITE -> ready.add(fdEvent(userdata[i], tag, m.i32(s + 16)));
                default -> {
                    return WasiErrno.EINVAL;
                }
            }
        }
        if (ready.isEmpty() && clocks > 0) {
            int first = -1;
            long wait = 0;
            for (int i = 0; i < n; i++) {
                if (!isClock[i]) continue;
                long remaining = deadline[i] - state.clock.peek((int) clockId[i]);
                if (first < 0 || remaining < wait) {
                    first = i;
                    wait = remaining;
                }
            }
            state.clock.waitUntil((int) clockId[first], deadline[first]);
        }
        for (int i = 0; i < n; i++) {
            if (isClock[i] && deadline[i] - state.clock.peek((int) clockId[i]) <= 0) {
                ready.add(new Event(userdata[i], WasiErrno.SUCCESS, EVENTTYPE_CLOCK, 0));
            }
        }
        for (int i = 0; i < ready.size(); i++) {
            Event e = ready.get(i);
            long at = out + (long) i * EVENT_SIZE;
            m.fill(at, EVENT_SIZE, (byte) 0);
            m.setI64(at, e.userdata());
            m.setU16(at + 8, e.error());
            m.setU8(at + 10, e.type());
            m.setI64(at + 16, e.nbytes());
        }
        m.setUsize(neventsPtr, ready.size());
        return WasiErrno.SUCCESS;
    }

    private Event fdEvent(long userdata, int type, int fdNumber) throws IOException {
        Fd fd;
        try {
            fd = state.fds.get(fdNumber & 0xFFFFFFFFL);
        } catch (WasiError e) {
            return new Event(userdata, e.errno, type, 0);
        }
        if (type == EVENTTYPE_FD_READ) {
            if (fd instanceof Fd.Input input) return new Event(userdata, 0, type, input.in.available());
            if (fd instanceof Fd.File f) {
                return new Event(userdata, 0, type, Math.max(0, f.channel.size() - f.channel.position()));
            }
        } else if (fd instanceof Fd.Output || fd instanceof Fd.File) {
            return new Event(userdata, 0, type, 0);
        }
        return new Event(userdata, WasiErrno.EBADF, type, 0);
    }
}
