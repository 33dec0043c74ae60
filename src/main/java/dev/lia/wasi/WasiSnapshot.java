package dev.lia.wasi;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A WASI instance's changing state as canonical bytes, for sessions that save and resume: the
 * virtual clock's elapsed time, the seeded generator's state, stdin's buffered bytes and whether it
 * has ended, and the descriptor table. The configuration (args, environment, clock epoch and step,
 * seed) is not included: the restorer builds the instance from the same configuration first.
 *
 * <p>Only a deterministic instance with nothing but the standard streams can be saved: a virtual
 * clock, a seeded random source, stdin from the driver and no preopened directories (an open host
 * file is not state that can move to another process).
 *
 * <pre>
 * u64 clock elapsed   u64 random state   u8 stdin closed   u32 n, n bytes  stdin's buffered bytes
 * u32 nfd, nfd × (u8 kind: 0 free, 1 stdin, 2 stdout, 3 stderr;  u64 rights base;  u64 rights inheriting;  u32 flags)
 * </pre>
 */
final class WasiSnapshot {
    private WasiSnapshot() {}

    /** Why {@code state} cannot be saved, or null if it can. */
    static String unsaveable(WasiState state) {
        if (!state.clock.isVirtual()) return "it reads the real clock";
        if (!state.random.isSeeded()) return "its random source is not seeded";
        if (!state.stdin.isDriven()) return "its stdin is not supplied by the driver";
        for (int i = 0; i < state.fds.size(); i++) {
            Fd f = state.fds.slot(i);
            if (f != null && !(f instanceof Fd.Input) && !(f instanceof Fd.Output)) return "it has files or directories open";
        }
        return null;
    }

    static byte[] save(WasiState state) {
        String why = unsaveable(state);
        if (why != null) throw new IllegalStateException("this WASI instance cannot be saved: " + why);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u64(out, state.clock.elapsed());
        u64(out, state.random.state());
        out.write(state.stdin.isClosed() ? 1 : 0);
        byte[] buffered = state.stdin.buffered();
        u32(out, buffered.length);
        out.writeBytes(buffered);
        u32(out, state.fds.size());
        for (int i = 0; i < state.fds.size(); i++) {
            Fd f = state.fds.slot(i);
            out.write(kind(state, f));
            u64(out, f == null ? 0 : f.rightsBase);
            u64(out, f == null ? 0 : f.rightsInheriting);
            u32(out, f == null ? 0 : f.flags);
        }
        return out.toByteArray();
    }

    private static int kind(WasiState state, Fd f) {
        if (f == null) return 0;
        if (f instanceof Fd.Input) return 1;
        return ((Fd.Output) f).out == state.stdout ? 2 : 3;
    }

    /** Takes a saved state into {@code state}, which was built from the same configuration. */
    static void load(WasiState state, byte[] bytes) {
        String why = unsaveable(state);
        if (why != null) throw new IllegalArgumentException("this WASI instance cannot take a saved state: " + why);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long elapsed = in.getLong();
            long random = in.getLong();
            int closed = in.get();
            if (closed != 0 && closed != 1) throw new IllegalArgumentException("stdin's closed flag is " + closed);
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("stdin's buffer has " + Integer.toUnsignedString(n) + " bytes");
            byte[] buffered = new byte[n];
            in.get(buffered);
            int nfd = in.getInt();
            if (nfd < 0 || nfd > FdTable.MAX_OPEN || (long) nfd * 21 > in.remaining()) {
                throw new IllegalArgumentException("the descriptor table has " + Integer.toUnsignedString(nfd) + " entries, which "
                        + in.remaining() + " bytes cannot hold");
            }
            List<Fd> fds = new ArrayList<>(nfd);
            for (int i = 0; i < nfd; i++) {
                int kind = in.get();
                long base = in.getLong(), inheriting = in.getLong();
                int flags = in.getInt();
                Fd f = switch (kind) {
                    case 0 -> null;
                    case 1 -> new Fd.Input(state.stdin);
                    case 2 -> new Fd.Output(state.stdout);
                    case 3 -> new Fd.Output(state.stderr);
                    default -> throw new IllegalArgumentException("descriptor " + i + " has kind " + kind);
                };
                if (f == null) {
                    if (base != 0 || inheriting != 0 || flags != 0) throw new IllegalArgumentException("free descriptor " + i + " has rights or flags");
                } else {
                    if ((flags & ~Fd.FDFLAGS_ALL) != 0) throw new IllegalArgumentException("descriptor " + i + " has flags " + flags);
                    f.rightsBase = base;
                    f.rightsInheriting = inheriting;
                    f.flags = flags;
                }
                fds.add(f);
            }
            if (in.hasRemaining()) throw new IllegalArgumentException(in.remaining() + " bytes after the descriptor table");
            state.clock.setElapsed(elapsed);
            state.random.setState(random);
            state.stdin.reset(buffered, closed == 1);
            state.fds.replace(fds);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("the WASI state ends early");
        }
    }

    private static void u64(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) out.write((int) (v >>> (8 * i)));
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
    }
}
