package dev.lia.wasi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The path_* calls inside a preopen (fd 3). */
class PathCallsTest {
    @TempDir
    Path root;
    Harness h;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(root.resolve("a.txt"), "aaa");
        Files.createDirectory(root.resolve("d"));
        Files.writeString(root.resolve("d").resolve("x"), "x");
        h = new Harness(WasiConfig.builder().preopen(root, "."));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private int rename(String from, String to) {
        int a = h.put(1000, from);
        int b = h.put(1500, to);
        return h.call("path_rename", 3, 1000, a, 3, 1500, b);
    }

    @Test
    void openFlags() throws IOException {
        assertThat(h.open(3, "new.txt")).isEqualTo(WasiErrno.ENOENT);
        assertThat(h.open(3, "new.txt", PathCalls.O_CREAT, Rights.FD_WRITE, 0)).isZero();
        assertThat(h.write(h.i32(Harness.OUT), "hello")).isZero();
        assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("hello");
        assertThat(h.open(3, "new.txt", PathCalls.O_CREAT | PathCalls.O_EXCL, Rights.FD_WRITE, 0)).isEqualTo(WasiErrno.EEXIST);
        assertThat(h.open(3, "new.txt", PathCalls.O_TRUNC, Rights.FD_WRITE, 0)).isZero();
        assertThat(Files.size(root.resolve("new.txt"))).isZero();
        assertThat(h.open(3, "a.txt", PathCalls.O_DIRECTORY, Harness.READ_RIGHTS, 0)).isEqualTo(WasiErrno.ENOTDIR);
        assertThat(h.open(3, "a.txt/")).isEqualTo(WasiErrno.ENOTDIR);
        assertThat(h.open(3, "a.txt/b")).isEqualTo(WasiErrno.ENOTDIR);
        assertThat(h.open(3, "d", 0, Rights.FD_WRITE, 0)).isEqualTo(WasiErrno.EISDIR);
        assertThat(h.open(3, "d", PathCalls.O_TRUNC, Rights.FD_READ, 0)).isEqualTo(WasiErrno.EISDIR);
        assertThat(h.open(3, "nd/", PathCalls.O_CREAT, Rights.FD_WRITE, 0)).isEqualTo(WasiErrno.EISDIR);
        assertThat(h.open(3, "missing/x", PathCalls.O_CREAT, Rights.FD_WRITE, 0)).isEqualTo(WasiErrno.ENOENT);
        assertThat(h.open(3, "d/")).isZero();
        assertThat(h.open(3, ".")).isZero();
        assertThat(h.open(3, "a.txt", 16, Harness.READ_RIGHTS, 0)).isEqualTo(WasiErrno.EINVAL);
    }

    @Test
    void filestatFollowsOnlyWhenAsked() throws IOException {
        Files.createSymbolicLink(root.resolve("l"), Path.of("a.txt"));
        int len = h.put(Harness.PATH, "l");
        assertThat(h.call("path_filestat_get", 3, PathCalls.LOOKUP_SYMLINK_FOLLOW, Harness.PATH, len, 100)).isZero();
        assertThat(h.u8(116)).isEqualTo(Fd.FILETYPE_REGULAR_FILE);
        assertThat(h.i64(132)).isEqualTo(3);
        assertThat(h.call("path_filestat_get", 3, 0, Harness.PATH, len, 100)).isZero();
        assertThat(h.u8(116)).isEqualTo(Fd.FILETYPE_SYMBOLIC_LINK);
        len = h.put(Harness.PATH, "nope");
        assertThat(h.call("path_filestat_get", 3, 0, Harness.PATH, len, 100)).isEqualTo(WasiErrno.ENOENT);
        len = h.put(Harness.PATH, "d");
        assertThat(h.call("path_filestat_set_times", 3, 0, Harness.PATH, len, 0L, 9_000_000_000L, FileStats.FST_MTIM)).isZero();
        assertThat(h.call("path_filestat_get", 3, 0, Harness.PATH, len, 100)).isZero();
        assertThat(h.u8(116)).isEqualTo(Fd.FILETYPE_DIRECTORY);
        assertThat(h.i64(148)).isEqualTo(9_000_000_000L);
    }

    @Test
    void directoriesAreMadeAndRemoved() {
        assertThat(h.pathCall("path_create_directory", 3, "e")).isZero();
        assertThat(Files.isDirectory(root.resolve("e"))).isTrue();
        assertThat(h.pathCall("path_create_directory", 3, "e")).isEqualTo(WasiErrno.EEXIST);
        assertThat(h.pathCall("path_create_directory", 3, "f/")).isZero();
        assertThat(h.pathCall("path_create_directory", 3, "g/h")).isEqualTo(WasiErrno.ENOENT);
        assertThat(h.pathCall("path_create_directory", 3, ".")).isEqualTo(WasiErrno.EEXIST);
        assertThat(h.pathCall("path_remove_directory", 3, "d")).isEqualTo(WasiErrno.ENOTEMPTY);
        assertThat(h.pathCall("path_remove_directory", 3, "a.txt")).isEqualTo(WasiErrno.ENOTDIR);
        assertThat(h.pathCall("path_remove_directory", 3, "zz")).isEqualTo(WasiErrno.ENOENT);
        assertThat(h.pathCall("path_remove_directory", 3, ".")).isEqualTo(WasiErrno.EINVAL);
        assertThat(h.pathCall("path_remove_directory", 3, "e")).isZero();
        assertThat(Files.exists(root.resolve("e"))).isFalse();
    }

    @Test
    void filesAreUnlinked() {
        assertThat(h.pathCall("path_unlink_file", 3, "d")).isEqualTo(WasiErrno.EISDIR);
        assertThat(h.pathCall("path_unlink_file", 3, "zz")).isEqualTo(WasiErrno.ENOENT);
        assertThat(h.pathCall("path_unlink_file", 3, "a.txt/")).isEqualTo(WasiErrno.ENOTDIR);
        assertThat(h.pathCall("path_unlink_file", 3, "d/x")).isZero();
        assertThat(Files.exists(root.resolve("d/x"))).isFalse();
    }

    @Test
    void renameFollowsRename2() throws IOException {
        assertThat(rename("a.txt", "b.txt")).isZero();
        assertThat(Files.readString(root.resolve("b.txt"))).isEqualTo("aaa");
        assertThat(rename("a.txt", "c.txt")).isEqualTo(WasiErrno.ENOENT);
        Files.writeString(root.resolve("c.txt"), "ccc");
        assertThat(rename("b.txt", "c.txt")).isZero(); // replaces a file
        assertThat(Files.readString(root.resolve("c.txt"))).isEqualTo("aaa");
        assertThat(rename("c.txt", "d")).isEqualTo(WasiErrno.EISDIR);
        assertThat(rename("d", "c.txt")).isEqualTo(WasiErrno.ENOTDIR);
        assertThat(rename("d", "d/inside")).isEqualTo(WasiErrno.EINVAL);
        Files.createDirectory(root.resolve("empty"));
        assertThat(rename("d", "empty")).isZero(); // replaces an empty directory
        assertThat(Files.exists(root.resolve("empty/x"))).isTrue();
        assertThat(rename(".", "zz")).isEqualTo(WasiErrno.EBUSY);
    }

    @Test
    void symlinksAndHardLinks() throws IOException {
        int t = h.put(1000, "a.txt");
        int p = h.put(1500, "sl");
        assertThat(h.call("path_symlink", 1000, t, 3, 1500, p)).isZero();
        assertThat(Files.readSymbolicLink(root.resolve("sl"))).isEqualTo(Path.of("a.txt"));
        assertThat(h.call("path_symlink", 1000, t, 3, 1500, p)).isEqualTo(WasiErrno.EEXIST);
        assertThat(h.call("path_readlink", 3, 1500, p, 2000, 64, 2100)).isZero();
        assertThat(h.string(2000, h.i32(2100))).isEqualTo("a.txt");
        assertThat(h.call("path_readlink", 3, 1500, p, 2000, 3, 2100)).isZero();
        assertThat(h.i32(2100)).isEqualTo(3); // cut to the buffer
        assertThat(h.call("path_readlink", 3, 1000, t, 2000, 64, 2100)).isEqualTo(WasiErrno.EINVAL);

        int hl = h.put(1600, "hard");
        assertThat(h.call("path_link", 3, 0, 1000, t, 3, 1600, hl)).isZero();
        assertThat(Files.readString(root.resolve("hard"))).isEqualTo("aaa");
        assertThat(h.call("path_link", 3, 0, 1000, t, 3, 1600, hl)).isEqualTo(WasiErrno.EEXIST);
        int d = h.put(1700, "d");
        assertThat(h.call("path_link", 3, 0, 1700, d, 3, 1600, hl)).isEqualTo(WasiErrno.EPERM);
        assertThat(Files.exists(root.resolve("sl"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
