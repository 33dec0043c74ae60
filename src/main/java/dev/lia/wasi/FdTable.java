package dev.lia.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The program's descriptors by number. New descriptors take the lowest free number, as in POSIX. */
final class FdTable {
    /** At most this many descriptors are open at once ({@code EMFILE} beyond). */
    static final int MAX_OPEN = 1024;

    private final List<Fd> fds = new ArrayList<>();

    /** The descriptor {@code fd}, or {@code EBADF}. */
    Fd get(long fd) throws WasiError {
        Fd f = fd >= 0 && fd < fds.size() ? fds.get((int) fd) : null;
        if (f == null) throw new WasiError(WasiErrno.EBADF);
        return f;
    }

    /** A directory descriptor: {@code EBADF} if there is none, {@code ENOTDIR} if it is not a directory. */
    Fd.Dir dir(long fd) throws WasiError {
        Fd f = get(fd);
        if (f instanceof Fd.Dir d) return d;
        throw new WasiError(WasiErrno.ENOTDIR);
    }

    /** How many numbers are in use or were (free ones below the highest are null in {@link #slot}). */
    int size() {
        return fds.size();
    }

    /** The descriptor numbered {@code fd}, or null if it is free. */
    Fd slot(int fd) {
        return fds.get(fd);
    }

    /** Replaces the whole table (restoring a saved state). */
    void replace(List<Fd> slots) {
        fds.clear();
        fds.addAll(slots);
    }

    int add(Fd fd) throws WasiError {
        for (int i = 0; i < fds.size(); i++) {
            if (fds.get(i) == null) {
                fds.set(i, fd);
                return i;
            }
        }
        if (fds.size() >= MAX_OPEN) throw new WasiError(WasiErrno.EMFILE);
        fds.add(fd);
        return fds.size() - 1;
    }

    /** Removes {@code fd} from the table without closing it. */
    Fd remove(long fd) throws WasiError {
        Fd f = get(fd);
        fds.set((int) fd, null);
        return f;
    }

    /** Makes {@code to} refer to what {@code from} did, closing what {@code to} was; {@code from} is freed. */
    void renumber(long from, long to) throws WasiError, IOException {
        Fd f = get(from);
        Fd old = get(to);
        if (from == to) return;
        fds.set((int) to, f);
        fds.set((int) from, null);
        old.close();
    }

    /** Closes every descriptor (the table is empty afterwards). */
    void closeAll() {
        for (int i = 0; i < fds.size(); i++) {
            Fd f = fds.get(i);
            if (f == null) continue;
            try {
                f.close();
            } catch (IOException ignored) {
                // closing at the end of a run: nothing left to report to
            }
            fds.set(i, null);
        }
    }
}
