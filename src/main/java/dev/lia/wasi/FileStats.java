package dev.lia.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code filestat} a program sees. Everything that would differ between hosts or runs is made
 * up deterministically: {@code dev} is the preopen's number, {@code ino} a hash of the path within
 * the preopen, {@code nlink} is 1 and a directory's size 0. Timestamps come from the host only with
 * the real clock; with the virtual clock they are 0 unless the program set them during the run.
 */
final class FileStats {
    static final int FST_ATIM = 1;
    static final int FST_ATIM_NOW = 2;
    static final int FST_MTIM = 4;
    static final int FST_MTIM_NOW = 8;

    record Stat(long dev, long ino, int filetype, long nlink, long size, long atim, long mtim, long ctim) {}

    private final WasiClock clock;
    /** With the virtual clock: the times the program set, {atim, mtim}, by host path. */
    private final Map<Path, long[]> setTimes = new HashMap<>();

    FileStats(WasiClock clock) {
        this.clock = clock;
    }

    static int filetype(BasicFileAttributes a) {
        if (a.isRegularFile()) return Fd.FILETYPE_REGULAR_FILE;
        if (a.isDirectory()) return Fd.FILETYPE_DIRECTORY;
        if (a.isSymbolicLink()) return Fd.FILETYPE_SYMBOLIC_LINK;
        return Fd.FILETYPE_UNKNOWN;
    }

    /** A stable inode number: FNV-1a over the preopen's number and the path within it. */
    static long inode(Sandbox.Root root, Path host) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (root.index() + ":" + root.relative(host)).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }

    Stat of(Sandbox.Root root, Path host, BasicFileAttributes a) {
        int type = filetype(a);
        long size = type == Fd.FILETYPE_DIRECTORY ? 0 : a.size();
        long atim;
        long mtim;
        long ctim;
        if (clock.isVirtual()) {
            long[] t = setTimes.getOrDefault(host, new long[2]);
            atim = t[0];
            mtim = t[1];
            ctim = Math.max(atim, mtim);
        } else {
            atim = nanos(a.lastAccessTime());
            mtim = nanos(a.lastModifiedTime());
            ctim = ctime(host, mtim);
        }
        return new Stat(root.index() + 1L, inode(root, host), type, 1, size, atim, mtim, ctim);
    }

    /** A regular file whose size is known from its open channel. */
    Stat ofFile(Fd.File f) throws WasiError {
        BasicFileAttributes a = Sandbox.attributes(f.host);
        long size;
        try {
            size = f.channel.size();
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
        if (a == null) { // unlinked while open
            return new Stat(f.root.index() + 1L, inode(f.root, f.host), Fd.FILETYPE_REGULAR_FILE, 0, size, 0, 0, 0);
        }
        Stat s = of(f.root, f.host, a);
        return new Stat(s.dev(), s.ino(), Fd.FILETYPE_REGULAR_FILE, s.nlink(), size, s.atim(), s.mtim(), s.ctim());
    }

    /** Standard input, output or error: a character device with nothing else to say. */
    static Stat ofStdio(int fd) {
        return new Stat(0, fd + 1L, Fd.FILETYPE_CHARACTER_DEVICE, 1, 0, 0, 0, 0);
    }

    static void write(GuestMemory m, long ptr, Stat s) throws WasiError {
        m.check(ptr, 64);
        m.fill(ptr, 64, (byte) 0);
        m.setI64(ptr, s.dev());
        m.setI64(ptr + 8, s.ino());
        m.setU8(ptr + 16, s.filetype());
        m.setI64(ptr + 24, s.nlink());
        m.setI64(ptr + 32, s.size());
        m.setI64(ptr + 40, s.atim());
        m.setI64(ptr + 48, s.mtim());
        m.setI64(ptr + 56, s.ctim());
    }

    /** {@code fd_filestat_set_times} / {@code path_filestat_set_times}. */
    void setTimes(Path host, long atim, long mtim, int fstflags, boolean followLinks) throws WasiError {
        if ((fstflags & ~15) != 0
                || (fstflags & (FST_ATIM | FST_ATIM_NOW)) == (FST_ATIM | FST_ATIM_NOW)
                || (fstflags & (FST_MTIM | FST_MTIM_NOW)) == (FST_MTIM | FST_MTIM_NOW)) {
            throw new WasiError(WasiErrno.EINVAL);
        }
        long now = (fstflags & (FST_ATIM_NOW | FST_MTIM_NOW)) != 0 ? clock.time(WasiClock.REALTIME) : 0;
        Long a = (fstflags & FST_ATIM) != 0 ? Long.valueOf(atim) : (fstflags & FST_ATIM_NOW) != 0 ? Long.valueOf(now) : null;
        Long m = (fstflags & FST_MTIM) != 0 ? Long.valueOf(mtim) : (fstflags & FST_MTIM_NOW) != 0 ? Long.valueOf(now) : null;
        LinkOption[] options = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        try {
            Files.getFileAttributeView(host, BasicFileAttributeView.class, options)
                    .setTimes(m == null ? null : time(m), a == null ? null : time(a), null);
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
        if (clock.isVirtual()) {
            long[] t = setTimes.computeIfAbsent(host, k -> new long[2]);
            if (a != null) t[0] = a;
            if (m != null) t[1] = m;
        }
    }

    private static FileTime time(long nanos) {
        return FileTime.from(nanos, TimeUnit.NANOSECONDS);
    }

    private static long nanos(FileTime t) {
        return t.to(TimeUnit.NANOSECONDS);
    }

    private static long ctime(Path host, long fallback) {
        try {
            return nanos((FileTime) Files.getAttribute(host, "unix:ctime", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return fallback;
        }
    }
}
