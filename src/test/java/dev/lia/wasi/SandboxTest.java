package dev.lia.wasi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** No path leaves its preopen: {@code ..}, absolute paths and symbolic links pointing out are refused. */
class SandboxTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;
    Harness h;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(root.resolve("file.txt"), "file");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub").resolve("inner.txt"), "inner");
        Files.createSymbolicLink(root.resolve("up"), Path.of("../outside"));
        Files.createSymbolicLink(root.resolve("abs"), outside.toAbsolutePath());
        Files.createSymbolicLink(root.resolve("abssub"), root.resolve("sub").toAbsolutePath());
        Files.createSymbolicLink(root.resolve("good"), Path.of("sub/inner.txt"));
        Files.createSymbolicLink(root.resolve("viaparent"), Path.of("sub/../file.txt"));
        Files.createSymbolicLink(root.resolve("chain"), Path.of("sub/../up"));
        Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
        Files.createSymbolicLink(root.resolve("loop2"), Path.of("loop1"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("../outside/new.txt"));
        Files.createSymbolicLink(root.resolve("sub").resolve("back"), Path.of("../file.txt"));
        h = new Harness(WasiConfig.builder().preopen(root, "/root"));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private String contents(String path) {
        int errno = h.open(3, path);
        if (errno != 0) return "errno " + WasiErrno.name(errno);
        return h.read(h.i32(Harness.OUT), 100);
    }

    @Test
    void dotDotMayNotClimbOut() {
        assertThat(contents("../outside/secret.txt")).isEqualTo("errno NOTCAPABLE");
        assertThat(contents("sub/../../outside/secret.txt")).isEqualTo("errno NOTCAPABLE");
        assertThat(contents("sub/../..")).isEqualTo("errno NOTCAPABLE");
        assertThat(contents("..")).isEqualTo("errno NOTCAPABLE");
        assertThat(contents("sub/../file.txt")).isEqualTo("file");
        assertThat(contents("./sub/./inner.txt")).isEqualTo("inner");
        assertThat(contents("sub//inner.txt")).isEqualTo("inner");
        assertThat(h.pathCall("path_create_directory", 3, "../made")).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(Files.exists(tmp.resolve("made"))).isFalse();
    }

    @Test
    void absolutePathsAreRefused() {
        assertThat(contents("/etc/passwd")).isEqualTo("errno NOTCAPABLE");
        assertThat(contents(root.resolve("file.txt").toString())).isEqualTo("errno NOTCAPABLE");
        assertThat(contents("/")).isEqualTo("errno NOTCAPABLE");
    }

    @Test
    void symlinksPointingOutAreRefused() {
        assertThat(contents("up/secret.txt")).isEqualTo("errno NOTCAPABLE");
        assertThat(contents("abs/secret.txt")).isEqualTo("errno NOTCAPABLE");
        assertThat(contents("chain/secret.txt")).isEqualTo("errno NOTCAPABLE");
        assertThat(contents("abssub/inner.txt")).isEqualTo("errno NOTCAPABLE"); // absolute even if inside
        assertThat(h.open(3, "up", PathCalls.O_DIRECTORY, Harness.READ_RIGHTS, 0)).isEqualTo(WasiErrno.ENOTCAPABLE);
        // creating through a link that points out creates nothing
        assertThat(h.open(3, "dangling", PathCalls.O_CREAT, Harness.READ_RIGHTS, 0)).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(Files.exists(outside.resolve("new.txt"))).isFalse();
        assertThat(h.pathCall("path_create_directory", 3, "up/newdir")).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(Files.exists(outside.resolve("newdir"))).isFalse();
        // stat following the link is refused; the link itself may be looked at
        int len = h.put(Harness.PATH, "up");
        assertThat(h.call("path_filestat_get", 3, PathCalls.LOOKUP_SYMLINK_FOLLOW, Harness.PATH, len, 100))
                .isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(h.call("path_filestat_get", 3, 0, Harness.PATH, len, 100)).isZero();
        assertThat(h.u8(116)).isEqualTo(Fd.FILETYPE_SYMBOLIC_LINK);
        // and removed, without touching its target
        assertThat(h.pathCall("path_unlink_file", 3, "up")).isZero();
        assertThat(Files.exists(outside.resolve("secret.txt"))).isTrue();
    }

    @Test
    void symlinksStayingInsideWork() {
        assertThat(contents("good")).isEqualTo("inner");
        assertThat(contents("viaparent")).isEqualTo("file");
        assertThat(contents("sub/back")).isEqualTo("file");
        assertThat(contents("loop1")).isEqualTo("errno LOOP");
        // without symlink_follow, opening a link fails like O_NOFOLLOW
        int len = h.put(Harness.PATH, "good");
        assertThat(h.call("path_open", 3, 0, Harness.PATH, len, 0, -1L, -1L, 0, Harness.OUT)).isEqualTo(WasiErrno.ELOOP);
    }

    @Test
    void aDirectoryDescriptorIsTheLimitOfItsPaths() {
        assertThat(h.open(3, "sub", PathCalls.O_DIRECTORY, Harness.READ_RIGHTS, 0)).isZero();
        int sub = h.i32(Harness.OUT);
        assertThat(h.open(sub, "inner.txt")).isZero();
        assertThat(h.open(sub, "../file.txt")).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(h.open(sub, "back")).isEqualTo(WasiErrno.ENOTCAPABLE); // its link climbs out of sub
    }

    @Test
    void newLinksMayNotPointOut() {
        assertThat(symlink("../outside/secret.txt", 3, "mine")).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(symlink(outside.resolve("secret.txt").toString(), 3, "mine")).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(symlink("sub/../..", 3, "mine")).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(Files.exists(root.resolve("mine"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(symlink("../file.txt", 3, "sub/ok")).isZero();
        assertThat(contents("sub/ok")).isEqualTo("file");
        // renames and hard links cannot reach out either
        assertThat(rename("file.txt", "../stolen")).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(rename("file.txt", "up/stolen")).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(Files.exists(root.resolve("file.txt"))).isTrue();
        int a = h.put(1000, "up/secret.txt");
        int b = h.put(1100, "copy");
        assertThat(h.call("path_link", 3, PathCalls.LOOKUP_SYMLINK_FOLLOW, 1000, a, 3, 1100, b)).isEqualTo(WasiErrno.ENOTCAPABLE);
    }

    @Test
    void badPathBytes() {
        h.memory.write(Harness.PATH, new byte[] {'a', 0, 'b'});
        assertThat(h.call("path_open", 3, 1, Harness.PATH, 3, 0, -1L, -1L, 0, Harness.OUT)).isEqualTo(WasiErrno.EINVAL);
        h.memory.write(Harness.PATH, new byte[] {'a', (byte) 0xff});
        assertThat(h.call("path_open", 3, 1, Harness.PATH, 2, 0, -1L, -1L, 0, Harness.OUT)).isEqualTo(WasiErrno.EILSEQ);
        assertThat(h.call("path_open", 3, 1, Harness.PATH, 0, 0, -1L, -1L, 0, Harness.OUT)).isEqualTo(WasiErrno.ENOENT);
        assertThat(h.call("path_open", 1, 1, Harness.PATH, 1, 0, -1L, -1L, 0, Harness.OUT)).isEqualTo(WasiErrno.ENOTDIR);
        assertThat(h.call("path_open", 7, 1, Harness.PATH, 1, 0, -1L, -1L, 0, Harness.OUT)).isEqualTo(WasiErrno.EBADF);
    }

    private int symlink(String target, int dir, String path) {
        int t = h.put(1000, target);
        int p = h.put(1500, path);
        return h.call("path_symlink", 1000, t, dir, 1500, p);
    }

    private int rename(String from, String to) {
        int a = h.put(1000, from);
        int b = h.put(1500, to);
        return h.call("path_rename", 3, 1000, a, 3, 1500, b);
    }
}
