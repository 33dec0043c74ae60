package dev.lia.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/** The {@code path_*} calls: every path is resolved through {@link Sandbox}. */
final class PathCalls {
    static final int LOOKUP_SYMLINK_FOLLOW = 1;
    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_EXCL = 4;
    static final int O_TRUNC = 8;

    private final WasiState state;

    PathCalls(WasiState state) {
        this.state = state;
    }

    private Sandbox.Resolved resolve(GuestMemory m, Fd.Dir dir, long path, long len, boolean follow) throws WasiError {
        return Sandbox.resolve(dir, m.string(path, len), follow);
    }

    /** {@code path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, fd_out)}. */
    int open(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd.Dir dir = state.fds.dir(a[0]);
        boolean follow = (a[1] & LOOKUP_SYMLINK_FOLLOW) != 0;
        int oflags = (int) a[4];
        long rightsBase = a[5];
        long rightsInheriting = a[6];
        int fdflags = (int) a[7];
        long out = m.ptr(a[8]);
        m.check(out, 4);
        if ((oflags & ~15) != 0 || (fdflags & ~Fd.FDFLAGS_ALL) != 0) return WasiErrno.EINVAL;
        dir.require(Rights.PATH_OPEN);
        boolean creat = (oflags & O_CREAT) != 0;
        boolean wantDir = (oflags & O_DIRECTORY) != 0;
        if (creat) {
            dir.require(Rights.PATH_CREATE_FILE);
            if (wantDir) return WasiErrno.EINVAL;
        }
        Sandbox.Resolved r = resolve(m, dir, m.ptr(a[2]), m.ptr(a[3]), follow);
        if (r.exists() && creat && (oflags & O_EXCL) != 0) return WasiErrno.EEXIST;
        if (r.isSymlink()) return WasiErrno.ELOOP; // the last component is a link and following was not asked for
        boolean created = false;
        if (!r.exists()) {
            if (!creat) return WasiErrno.ENOENT;
            if (r.mustBeDir()) return WasiErrno.EISDIR;
            try {
                Files.createFile(r.host());
                created = true;
            } catch (FileAlreadyExistsException e) {
                if ((oflags & O_EXCL) != 0) return WasiErrno.EEXIST;
            }
            r = Sandbox.resolve(dir, m.string(m.ptr(a[2]), m.ptr(a[3])), follow);
            if (!r.exists()) return WasiErrno.ENOENT;
        }
        long inherited = dir.rightsInheriting;
        Fd opened;
        if (r.isDirectory()) {
            if ((oflags & O_TRUNC) != 0 || (rightsBase & Rights.FD_WRITE) != 0) return WasiErrno.EISDIR;
            opened = new Fd.Dir(r.root(), r.host(), null, rightsBase & inherited & Rights.DIRECTORY,
                    rightsInheriting & inherited);
        } else {
            if (wantDir) return WasiErrno.ENOTDIR;
            if (!r.attrs().isRegularFile() && !created) return WasiErrno.ENOTSUP;
            long base = rightsBase & inherited & Rights.FILE;
            opened = new Fd.File(openChannel(r.host(), base, oflags, fdflags), r.root(), r.host(), base, fdflags);
        }
        try {
            m.setI32(out, state.fds.add(opened));
        } catch (WasiError e) {
            opened.close();
            throw e;
        }
        return WasiErrno.SUCCESS;
    }

    private static FileChannel openChannel(Path host, long rights, int oflags, int fdflags) throws IOException {
        Set<OpenOption> options = new HashSet<>();
        if ((rights & Rights.FD_READ) != 0) options.add(StandardOpenOption.READ);
        if ((rights & Rights.FD_WRITE) != 0 || (oflags & O_TRUNC) != 0) options.add(StandardOpenOption.WRITE);
        if ((oflags & O_TRUNC) != 0) options.add(StandardOpenOption.TRUNCATE_EXISTING);
        if ((fdflags & Fd.FDFLAG_DSYNC) != 0) options.add(StandardOpenOption.DSYNC);
        if ((fdflags & (Fd.FDFLAG_SYNC | Fd.FDFLAG_RSYNC)) != 0) options.add(StandardOpenOption.SYNC);
        options.add(java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return FileChannel.open(host, options);
    }

    int filestatGet(GuestMemory m, long[] a) throws WasiError {
        Fd.Dir dir = state.fds.dir(a[0]);
        long out = m.ptr(a[4]);
        m.check(out, 64);
        dir.require(Rights.PATH_FILESTAT_GET);
        Sandbox.Resolved r = resolve(m, dir, m.ptr(a[2]), m.ptr(a[3]), (a[1] & LOOKUP_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) return WasiErrno.ENOENT;
        FileStats.write(m, out, state.stats.of(r.root(), r.host(), r.attrs()));
        return WasiErrno.SUCCESS;
    }

    int filestatSetTimes(GuestMemory m, long[] a) throws WasiError {
        Fd.Dir dir = state.fds.dir(a[0]);
        dir.require(Rights.PATH_FILESTAT_SET_TIMES);
        boolean follow = (a[1] & LOOKUP_SYMLINK_FOLLOW) != 0;
        Sandbox.Resolved r = resolve(m, dir, m.ptr(a[2]), m.ptr(a[3]), follow);
        if (!r.exists()) return WasiErrno.ENOENT;
        state.stats.setTimes(r.host(), a[4], a[5], (int) a[6], follow);
        return WasiErrno.SUCCESS;
    }

    int createDirectory(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd.Dir dir = state.fds.dir(a[0]);
        dir.require(Rights.PATH_CREATE_DIRECTORY);
        Sandbox.Resolved r = resolve(m, dir, m.ptr(a[1]), m.ptr(a[2]), false);
        if (r.exists()) return WasiErrno.EEXIST;
        Files.createDirectory(r.host());
        return WasiErrno.SUCCESS;
    }

    int unlinkFile(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd.Dir dir = state.fds.dir(a[0]);
        dir.require(Rights.PATH_UNLINK_FILE);
        Sandbox.Resolved r = resolve(m, dir, m.ptr(a[1]), m.ptr(a[2]), false);
        if (!r.exists()) return WasiErrno.ENOENT;
        if (r.parent() == null || r.isDirectory()) return WasiErrno.EISDIR;
        Files.delete(r.host());
        return WasiErrno.SUCCESS;
    }

    int removeDirectory(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd.Dir dir = state.fds.dir(a[0]);
        dir.require(Rights.PATH_REMOVE_DIRECTORY);
        Sandbox.Resolved r = resolve(m, dir, m.ptr(a[1]), m.ptr(a[2]), false);
        if (!r.exists()) return WasiErrno.ENOENT;
        if (r.parent() == null) return WasiErrno.EINVAL; // "." or "..": not a name to remove
        if (!r.isDirectory()) return WasiErrno.ENOTDIR;
        Files.delete(r.host());
        return WasiErrno.SUCCESS;
    }

    /** {@code path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)}, with rename(2)'s rules. */
    int rename(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd.Dir from = state.fds.dir(a[0]);
        Fd.Dir to = state.fds.dir(a[3]);
        from.require(Rights.PATH_RENAME_SOURCE);
        to.require(Rights.PATH_RENAME_TARGET);
        Sandbox.Resolved src = resolve(m, from, m.ptr(a[1]), m.ptr(a[2]), false);
        Sandbox.Resolved dst = resolve(m, to, m.ptr(a[4]), m.ptr(a[5]), false);
        if (!src.exists()) return WasiErrno.ENOENT;
        if (src.parent() == null || dst.parent() == null) return WasiErrno.EBUSY;
        if (src.host().equals(dst.host())) return WasiErrno.SUCCESS;
        if (src.isDirectory()) {
            if (dst.exists() && !dst.isDirectory()) return WasiErrno.ENOTDIR;
            if (dst.host().startsWith(src.host())) return WasiErrno.EINVAL; // into itself
        } else {
            if (dst.isDirectory()) return WasiErrno.EISDIR;
            if (src.mustBeDir() || dst.mustBeDir()) return WasiErrno.ENOTDIR;
        }
        Files.move(src.host(), dst.host(), StandardCopyOption.ATOMIC_MOVE);
        return WasiErrno.SUCCESS;
    }

    /** {@code path_symlink(old_path, old_path_len, fd, new_path, new_path_len)}: the target may not point out of the sandbox. */
    int symlink(GuestMemory m, long[] a) throws WasiError, IOException {
        String target = m.string(m.ptr(a[0]), m.ptr(a[1]));
        Fd.Dir dir = state.fds.dir(a[2]);
        dir.require(Rights.PATH_SYMLINK);
        Sandbox.Resolved r = resolve(m, dir, m.ptr(a[3]), m.ptr(a[4]), false);
        if (r.exists() || r.parent() == null) return WasiErrno.EEXIST;
        Sandbox.checkLinkTarget(dir, r.parent(), target);
        Files.createSymbolicLink(r.host(), Path.of(target));
        return WasiErrno.SUCCESS;
    }

    /** {@code path_readlink(fd, path, path_len, buf, buf_len, bufused)}: the target, cut to the buffer. */
    int readlink(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd.Dir dir = state.fds.dir(a[0]);
        long buf = m.ptr(a[3]);
        long len = m.ptr(a[4]);
        long used = m.ptr(a[5]);
        m.check(buf, len);
        m.check(used, m.usizeBytes());
        dir.require(Rights.PATH_READLINK);
        Sandbox.Resolved r = resolve(m, dir, m.ptr(a[1]), m.ptr(a[2]), false);
        if (!r.exists()) return WasiErrno.ENOENT;
        if (!r.isSymlink()) return WasiErrno.EINVAL;
        byte[] target = Files.readSymbolicLink(r.host()).toString().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(len, target.length);
        m.write(buf, target, 0, n);
        m.setUsize(used, n);
        return WasiErrno.SUCCESS;
    }

    /** {@code path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len)}: a hard link. */
    int link(GuestMemory m, long[] a) throws WasiError, IOException {
        Fd.Dir from = state.fds.dir(a[0]);
        Fd.Dir to = state.fds.dir(a[4]);
        from.require(Rights.PATH_LINK_SOURCE);
        to.require(Rights.PATH_LINK_TARGET);
        Sandbox.Resolved src = resolve(m, from, m.ptr(a[2]), m.ptr(a[3]), (a[1] & LOOKUP_SYMLINK_FOLLOW) != 0);
        Sandbox.Resolved dst = resolve(m, to, m.ptr(a[5]), m.ptr(a[6]), false);
        if (!src.exists()) return WasiErrno.ENOENT;
        if (src.isDirectory()) return WasiErrno.EPERM;
        if (dst.exists() || dst.parent() == null) return WasiErrno.EEXIST;
        Files.createLink(dst.host(), src.host());
        return WasiErrno.SUCCESS;
    }
}
