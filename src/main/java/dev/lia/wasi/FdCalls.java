package dev.lia.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** The {@code fd_*} calls. */
final class FdCalls {
    static final int WHENCE_SET = 0;
    static final int WHENCE_CUR = 1;
    static final int WHENCE_END = 2;
    static final int DIRENT_SIZE = 24;

    private final WasiState state;

    FdCalls(WasiState state) {
        this.state = state;
    }

    int write(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        long nwritten = m.ptr(a[3]);
        GuestMemory.Buffer[] iovs = m.iovecs(m.ptr(a[1]), m.ptr(a[2]));
        m.check(nwritten, m.usizeBytes());
        if ((fd.rightsBase & Rights.FD_WRITE) == 0) return WasiErrno.EBADF;
        byte[] data = m.gather(iovs);
        if (fd instanceof Fd.Output o) {
            o.out.write(data);
            o.out.flush();
        } else if (fd instanceof Fd.File f) {
            if ((f.flags & Fd.FDFLAG_APPEND) != 0) f.channel.position(f.channel.size());
            writeFully(f, ByteBuffer.wrap(data), -1);
        } else {
            return WasiErrno.EBADF;
        }
        m.setUsize(nwritten, data.length);
        return WasiErrno.SUCCESS;
    }

    int pwrite(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        GuestMemory.Buffer[] iovs = m.iovecs(m.ptr(a[1]), m.ptr(a[2]));
        long offset = a[3];
        long nwritten = m.ptr(a[4]);
        m.check(nwritten, m.usizeBytes());
        if (!(fd instanceof Fd.File f)) return fd instanceof Fd.Dir ? WasiErrno.EISDIR : WasiErrno.ESPIPE;
        if ((fd.rightsBase & Rights.FD_WRITE) == 0) return WasiErrno.EBADF;
        if (offset < 0) return WasiErrno.EINVAL;
        byte[] data = m.gather(iovs);
        writeFully(f, ByteBuffer.wrap(data), offset);
        m.setUsize(nwritten, data.length);
        return WasiErrno.SUCCESS;
    }

    private static void writeFully(Fd.File f, ByteBuffer data, long offset) throws IOException, WasiError {
        try {
            while (data.hasRemaining()) {
                if (offset < 0) {
                    f.channel.write(data);
                } else {
                    offset += f.channel.write(data, offset);
                }
            }
        } catch (NonWritableChannelException e) {
            throw new WasiError(WasiErrno.EBADF);
        }
    }

    int read(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        GuestMemory.Buffer[] iovs = m.iovecs(m.ptr(a[1]), m.ptr(a[2]));
        long nread = m.ptr(a[3]);
        m.check(nread, m.usizeBytes());
        if (fd instanceof Fd.Dir) return WasiErrno.EISDIR;
        if ((fd.rightsBase & Rights.FD_READ) == 0) return WasiErrno.EBADF;
        byte[] data = new byte[GuestMemory.total(iovs)];
        int n;
        if (fd instanceof Fd.Input input) {
            n = input.in.read(data, 0, data.length); // may yield to the driver: nothing is changed yet
        } else if (fd instanceof Fd.File f) {
            n = readFully(f, ByteBuffer.wrap(data), -1);
        } else {
            return WasiErrno.EBADF;
        }
        m.scatter(iovs, data, n);
        m.setUsize(nread, n);
        return WasiErrno.SUCCESS;
    }

    int pread(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        GuestMemory.Buffer[] iovs = m.iovecs(m.ptr(a[1]), m.ptr(a[2]));
        long offset = a[3];
        long nread = m.ptr(a[4]);
        m.check(nread, m.usizeBytes());
        if (!(fd instanceof Fd.File f)) return fd instanceof Fd.Dir ? WasiErrno.EISDIR : WasiErrno.ESPIPE;
        if ((fd.rightsBase & Rights.FD_READ) == 0) return WasiErrno.EBADF;
        if (offset < 0) return WasiErrno.EINVAL;
        byte[] data = new byte[GuestMemory.total(iovs)];
        int n = readFully(f, ByteBuffer.wrap(data), offset);
        m.scatter(iovs, data, n);
        m.setUsize(nread, n);
        return WasiErrno.SUCCESS;
    }

    /** Reads until the buffer is full or the file ends; returns the bytes read. */
    private static int readFully(Fd.File f, ByteBuffer into, long offset) throws IOException {
        int total = 0;
        while (into.hasRemaining()) {
            int n = offset < 0 ? f.channel.read(into) : f.channel.read(into, offset + total);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    int seek(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        long delta = a[1];
        int whence = (int) a[2];
        long out = m.ptr(a[3]);
        m.check(out, 4 + 4);
        if (!(fd instanceof Fd.File f)) return fd instanceof Fd.Dir ? WasiErrno.EBADF : WasiErrno.ESPIPE;
        fd.require(delta == 0 && whence == WHENCE_CUR ? Rights.FD_TELL : Rights.FD_SEEK);
        long base = switch (whence) {
            case WHENCE_SET -> 0;
            case WHENCE_CUR -> f.channel.position();
            case WHENCE_END -> f.channel.size();
            default -> -1;
        };
        if (base < 0) return WasiErrno.EINVAL;
        long target;
        try {
            target = Math.addExact(base, delta);
        } catch (ArithmeticException e) {
            return WasiErrno.EINVAL;
        }
        if (target < 0) return WasiErrno.EINVAL;
        f.channel.position(target);
        m.setI64(out, target);
        return WasiErrno.SUCCESS;
    }

    int tell(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        long out = m.ptr(a[1]);
        m.check(out, 8);
        if (!(fd instanceof Fd.File f)) return fd instanceof Fd.Dir ? WasiErrno.EBADF : WasiErrno.ESPIPE;
        fd.require(Rights.FD_TELL);
        m.setI64(out, f.channel.position());
        return WasiErrno.SUCCESS;
    }

    int close(GuestMemory m, long[] a) throws WasiError, IOException {
        state.fds.remove(a[0]).close();
        return WasiErrno.SUCCESS;
    }

    int fdstatGet(GuestMemory m, long[] a) throws WasiError {
        Fd fd = state.fds.get(a[0]);
        long out = m.ptr(a[1]);
        m.check(out, 24);
        m.fill(out, 24, (byte) 0);
        m.setU8(out, fd.filetype);
        m.setU16(out + 2, fd.flags);
        m.setI64(out + 8, fd.rightsBase);
        m.setI64(out + 16, fd.rightsInheriting);
        return WasiErrno.SUCCESS;
    }

    int fdstatSetFlags(GuestMemory m, long[] a) throws WasiError {
        Fd fd = state.fds.get(a[0]);
        int flags = (int) a[1];
        if ((flags & ~Fd.FDFLAGS_ALL) != 0 || (flags & 0xFFFF0000) != 0) return WasiErrno.EINVAL;
        fd.require(Rights.FD_FDSTAT_SET_FLAGS);
        fd.flags = flags;
        return WasiErrno.SUCCESS;
    }

    int fdstatSetRights(GuestMemory m, long[] a) throws WasiError {
        Fd fd = state.fds.get(a[0]);
        long base = a[1];
        long inheriting = a[2];
        if ((base & ~fd.rightsBase) != 0 || (inheriting & ~fd.rightsInheriting) != 0) return WasiErrno.ENOTCAPABLE;
        fd.rightsBase = base;
        fd.rightsInheriting = inheriting;
        return WasiErrno.SUCCESS;
    }

    int filestatGet(GuestMemory m, long[] a) throws WasiError {
        Fd fd = state.fds.get(a[0]);
        long out = m.ptr(a[1]);
        m.check(out, 64);
        fd.require(Rights.FD_FILESTAT_GET);
        FileStats.Stat s;
        if (fd instanceof Fd.File f) {
            s = state.stats.ofFile(f);
        } else if (fd instanceof Fd.Dir d) {
            BasicFileAttributes attrs = Sandbox.attributes(d.host);
            if (attrs == null) return WasiErrno.ENOENT;
            s = state.stats.of(d.root, d.host, attrs);
        } else {
            s = FileStats.ofStdio((int) a[0]);
        }
        FileStats.write(m, out, s);
        return WasiErrno.SUCCESS;
    }

    int filestatSetSize(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        long size = a[1];
        if (fd instanceof Fd.Dir) return WasiErrno.EISDIR;
        if (!(fd instanceof Fd.File f)) return WasiErrno.EINVAL;
        fd.require(Rights.FD_FILESTAT_SET_SIZE);
        if ((fd.rightsBase & Rights.FD_WRITE) == 0 || size < 0) return WasiErrno.EINVAL;
        setSize(f, size);
        return WasiErrno.SUCCESS;
    }

    private static void setSize(Fd.File f, long size) throws IOException, WasiError {
        long current = f.channel.size();
        if (size < current) {
            long position = f.channel.position();
            f.channel.truncate(size);
            f.channel.position(position); // ftruncate leaves the offset alone
        } else if (size > current) {
            writeFully(f, ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    int filestatSetTimes(GuestMemory m, long[] a) throws WasiError {
        Fd fd = state.fds.get(a[0]);
        Path host;
        if (fd instanceof Fd.File f) {
            host = f.host;
        } else if (fd instanceof Fd.Dir d) {
            host = d.host;
        } else {
            return WasiErrno.ENOTSUP;
        }
        fd.require(Rights.FD_FILESTAT_SET_TIMES);
        state.stats.setTimes(host, a[1], a[2], (int) a[3], true);
        return WasiErrno.SUCCESS;
    }

    int advise(GuestMemory m, long[] a) throws WasiError {
        Fd fd = state.fds.get(a[0]);
        int advice = (int) a[3];
        if (advice < 0 || advice > 5 || a[1] < 0 || a[2] < 0) return WasiErrno.EINVAL;
        if (fd instanceof Fd.Dir) return WasiErrno.EBADF;
        if (!(fd instanceof Fd.File)) return WasiErrno.ESPIPE;
        return WasiErrno.SUCCESS;
    }

    int allocate(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        long offset = a[1];
        long len = a[2];
        if (!(fd instanceof Fd.File f)) return fd instanceof Fd.Dir ? WasiErrno.EBADF : WasiErrno.ESPIPE;
        if (offset < 0 || len <= 0) return WasiErrno.EINVAL;
        if ((fd.rightsBase & Rights.FD_WRITE) == 0) return WasiErrno.EBADF;
        long end;
        try {
            end = Math.addExact(offset, len);
        } catch (ArithmeticException e) {
            return WasiErrno.EFBIG;
        }
        if (end > f.channel.size()) setSize(f, end);
        return WasiErrno.SUCCESS;
    }

    int sync(GuestMemory m, long[] a, boolean metadata) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        if (fd instanceof Fd.File f) f.channel.force(metadata);
        else if (fd instanceof Fd.Output o) o.out.flush();
        return WasiErrno.SUCCESS;
    }

    int prestatGet(GuestMemory m, long[] a) throws WasiError {
        Fd fd = state.fds.get(a[0]);
        long out = m.ptr(a[1]);
        if (!(fd instanceof Fd.Dir d) || d.preopenName == null) return WasiErrno.EBADF;
        int w = m.usizeBytes(); // prestat is {tag: u8, pr_name_len: size_t}, the size_t aligned to its width
        m.check(out, 2 * w);
        m.fill(out, 2 * w, (byte) 0);
        m.setU8(out, 0); // preopentype dir
        m.setUsize(out + w, d.preopenName.getBytes(StandardCharsets.UTF_8).length);
        return WasiErrno.SUCCESS;
    }

    int prestatDirName(GuestMemory m, long[] a) throws WasiError {
        Fd fd = state.fds.get(a[0]);
        long path = m.ptr(a[1]);
        long len = m.ptr(a[2]);
        if (!(fd instanceof Fd.Dir d) || d.preopenName == null) return WasiErrno.EBADF;
        byte[] name = d.preopenName.getBytes(StandardCharsets.UTF_8);
        if (Long.compareUnsigned(len, name.length) < 0) return WasiErrno.ENAMETOOLONG;
        m.write(path, name);
        return WasiErrno.SUCCESS;
    }

    int renumber(GuestMemory m, long[] a) throws WasiError, IOException {
        state.fds.renumber(a[0], a[1]);
        return WasiErrno.SUCCESS;
    }

    /**
     * {@code fd_readdir}: the entries {@code .}, {@code ..}, then the directory's names in sorted
     * order (so listings are the same on every host); the cookie is an entry's position. Entries
     * are written one after another and the last may be cut off, as preview1 specifies.
     */
    int readdir(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd fd = state.fds.get(a[0]);
        long buf = m.ptr(a[1]);
        long bufLen = m.ptr(a[2]);
        long cookie = a[3];
        long bufused = m.ptr(a[4]);
        m.check(buf, bufLen);
        m.check(bufused, m.usizeBytes());
        if (!(fd instanceof Fd.Dir d)) return WasiErrno.ENOTDIR;
        d.require(Rights.FD_READDIR);

        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d.host)) {
            for (Path p : entries) names.add(p.getFileName().toString());
        }
        names.sort(null);
        names.add(0, "..");
        names.add(0, ".");

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long i = Math.max(0, cookie); i < names.size() && out.size() < bufLen; i++) {
            String name = names.get((int) i);
            Path host;
            int type;
            if (i == 0) {
                host = d.host;
                type = Fd.FILETYPE_DIRECTORY;
            } else if (i == 1) {
                host = d.host.equals(d.root.real()) ? d.host : d.host.getParent();
                type = Fd.FILETYPE_DIRECTORY;
            } else {
                host = d.host.resolve(name);
                BasicFileAttributes attrs = Sandbox.attributes(host);
                if (attrs == null) continue; // removed since the listing
                type = FileStats.filetype(attrs);
            }
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer header = ByteBuffer.allocate(DIRENT_SIZE).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            header.putLong(0, i + 1);
            header.putLong(8, FileStats.inode(d.root, host));
            header.putInt(16, bytes.length);
            header.put(20, (byte) type);
            out.write(header.array());
            out.write(bytes);
        }
        byte[] all = out.toByteArray();
        int n = (int) Math.min(all.length, bufLen);
        m.write(buf, all, 0, n);
        m.setUsize(bufused, n);
        return WasiErrno.SUCCESS;
    }
}
