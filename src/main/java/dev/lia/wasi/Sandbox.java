package dev.lia.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a guest path against a directory descriptor without ever leaving that directory (a
 * descriptor is a capability for its directory's tree, as in cap-std; for a preopen that is the
 * whole preopen). Paths are walked one component at a time on the host:
 * <ul>
 *   <li>absolute paths are refused ({@code ENOTCAPABLE}); the guest's libc maps them to a preopen first;</li>
 *   <li>{@code ..} steps up one directory and is refused at the descriptor's directory ({@code ENOTCAPABLE});</li>
 *   <li>a symbolic link met on the way is read and its target walked by the same rules in its place:
 *       an absolute target is refused, a relative one may not climb out either; more than
 *       {@value #MAX_SYMLINKS} links on one path fail with {@code ELOOP};</li>
 *   <li>the last component's link is followed only when asked ({@code lookupflags.symlink_follow}),
 *       so unlink, rename and friends act on the link itself;</li>
 *   <li>last, the real path of the directory reached (and of the target, if followed) is checked to
 *       lie inside the descriptor's real path, in case the host changed under the walk.</li>
 * </ul>
 */
final class Sandbox {
    static final int MAX_SYMLINKS = 32;

    private Sandbox() {}

    /** A preopened host directory: its real path, its guest name and its number (the {@code dev} of its files). */
    record Root(int index, Path real, String guestName) {
        /** The path of {@code host} (inside this root) relative to it, "" for the root itself. */
        String relative(Path host) {
            return host.equals(real) ? "" : real.relativize(host).toString();
        }
    }

    /**
     * Where a path led.
     *
     * @param host      the host path of the target (it may not exist)
     * @param parent    the directory holding the target's name, or null when the path ended in
     *                  {@code .} or {@code ..} (the target is then a directory reached without a name)
     * @param attrs     the target's attributes, not following a final symbolic link unless asked; null if it does not exist
     * @param mustBeDir the path ended with a slash
     */
    record Resolved(Sandbox.Root root, Path host, Path parent, BasicFileAttributes attrs, boolean mustBeDir) {
        boolean exists() {
            return attrs != null;
        }

        boolean isDirectory() {
            return attrs != null && attrs.isDirectory();
        }

        boolean isSymlink() {
            return attrs != null && attrs.isSymbolicLink();
        }
    }

    /**
     * Resolves {@code path} relative to {@code base}.
     *
     * @param followFinal follow a symbolic link in the last component
     */
    static Resolved resolve(Fd.Dir base, String path, boolean followFinal) throws WasiError {
        if (path.isEmpty()) throw new WasiError(WasiErrno.ENOENT);
        if (path.indexOf('\0') >= 0) throw new WasiError(WasiErrno.EINVAL);
        if (path.startsWith("/")) throw new WasiError(WasiErrno.ENOTCAPABLE);
        Root root = base.root;
        boolean mustBeDir = path.endsWith("/");
        Deque<String> rest = components(path);
        Path cur = base.host;
        int depth = 0;
        int links = 0;
        while (!rest.isEmpty()) {
            String name = rest.removeFirst();
            boolean last = rest.isEmpty();
            if (name.equals(".")) continue;
            if (name.equals("..")) {
                if (depth == 0) throw new WasiError(WasiErrno.ENOTCAPABLE);
                cur = cur.getParent();
                depth--;
                continue;
            }
            Path p = cur.resolve(name);
            BasicFileAttributes a = attributes(p);
            if (a == null) {
                if (!last) throw new WasiError(WasiErrno.ENOENT);
                return checked(base, new Resolved(root, p, cur, null, mustBeDir));
            }
            if (a.isSymbolicLink() && (!last || followFinal || mustBeDir)) {
                if (++links > MAX_SYMLINKS) throw new WasiError(WasiErrno.ELOOP);
                String target = readLink(p);
                if (target.isEmpty()) throw new WasiError(WasiErrno.ENOENT);
                if (target.startsWith("/")) throw new WasiError(WasiErrno.ENOTCAPABLE);
                Deque<String> parts = components(target);
                if (target.endsWith("/")) parts.addLast(".");
                while (!parts.isEmpty()) rest.addFirst(parts.removeLast());
                continue;
            }
            if (!last) {
                if (!a.isDirectory()) throw new WasiError(WasiErrno.ENOTDIR);
                cur = p;
                depth++;
                continue;
            }
            if (mustBeDir && !a.isDirectory()) throw new WasiError(WasiErrno.ENOTDIR);
            return checked(base, new Resolved(root, p, cur, a, mustBeDir));
        }
        // the path ended in "." or "..": the directory reached itself
        return checked(base, new Resolved(root, cur, null, attributes(cur), mustBeDir));
    }

    /** The defence in depth: the real paths of what was reached must lie inside the base directory. */
    private static Resolved checked(Fd.Dir base, Resolved r) throws WasiError {
        if (r.parent() != null) inside(base.host, r.parent());
        if (r.exists() && !r.isSymlink()) inside(base.host, r.host());
        return r;
    }

    private static void inside(Path boundary, Path p) throws WasiError {
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
        if (!real.startsWith(boundary)) throw new WasiError(WasiErrno.ENOTCAPABLE);
    }

    /**
     * Checks that a symbolic link placed in {@code dir} (beneath {@code base}) with this target stays
     * inside {@code base} when read from there (by the lexical rules; links inside the target are
     * checked whenever they are followed).
     */
    static void checkLinkTarget(Fd.Dir base, Path dir, String target) throws WasiError {
        if (target.isEmpty()) throw new WasiError(WasiErrno.ENOENT);
        if (target.indexOf('\0') >= 0) throw new WasiError(WasiErrno.EINVAL);
        if (target.startsWith("/")) throw new WasiError(WasiErrno.ENOTCAPABLE);
        int depth = dir.equals(base.host) ? 0 : base.host.relativize(dir).getNameCount();
        for (String name : components(target)) {
            if (name.equals("..")) {
                if (depth == 0) throw new WasiError(WasiErrno.ENOTCAPABLE);
                depth--;
            } else if (!name.equals(".")) {
                depth++;
            }
        }
    }

    private static Deque<String> components(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String s : path.split("/")) if (!s.isEmpty()) out.addLast(s);
        return out;
    }

    /** The attributes of {@code p} itself (a link is not followed), or null if it does not exist. */
    static BasicFileAttributes attributes(Path p) throws WasiError {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }

    private static String readLink(Path p) throws WasiError {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw HostErrors.of(e);
        }
    }
}
