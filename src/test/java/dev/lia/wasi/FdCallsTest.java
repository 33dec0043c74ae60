package dev.lia.wasi;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The fd_* calls on the standard streams, files and directories. Fd 3 is the preopen "/work". */
class FdCallsTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(dir.resolve("data.txt"), "0123456789");
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("b"), "");
        Files.writeString(dir.resolve("sub").resolve("a"), "");
        h = new Harness(WasiConfig.builder().preopen(dir, "/work").stdin("input".getBytes(StandardCharsets.UTF_8)));
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void writeGathersIovecs() {
        h.put(3000, "hello, ");
        h.put(3100, "world");
        h.iovec(100, 3000, 7);
        h.iovec(108, 3100, 0);
        h.iovec(116, 3100, 5);
        assertThat(h.call("fd_write", 1, 100, 3, 200)).isZero();
        assertThat(h.i32(200)).isEqualTo(12);
        assertThat(h.out()).isEqualTo("hello, world");
        assertThat(h.write(2, "oops")).isZero();
        assertThat(h.stderr.toString(StandardCharsets.UTF_8)).isEqualTo("oops");
        assertThat(h.write(0, "x")).isEqualTo(WasiErrno.EBADF);
        assertThat(h.write(3, "x")).isEqualTo(WasiErrno.EBADF);
        assertThat(h.write(9, "x")).isEqualTo(WasiErrno.EBADF);
    }

    @Test
    void readScattersStdin() {
        h.iovec(100, 3000, 2);
        h.iovec(108, 3100, 10);
        assertThat(h.call("fd_read", 0, 100, 2, 200)).isZero();
        assertThat(h.i32(200)).isEqualTo(5);
        assertThat(h.string(3000, 2)).isEqualTo("in");
        assertThat(h.string(3100, 3)).isEqualTo("put");
        assertThat(h.read(0, 10)).isEmpty(); // end of file
        assertThat(h.read(1, 10)).isNull();
        assertThat(h.call("fd_read", 3, 100, 1, 200)).isEqualTo(WasiErrno.EISDIR);
    }

    @Test
    void fdstatOfStdioAndPreopen() {
        assertThat(h.call("fd_fdstat_get", 1, 100)).isZero();
        assertThat(h.u8(100)).isEqualTo(Fd.FILETYPE_CHARACTER_DEVICE);
        assertThat(h.u16(102)).isZero();
        assertThat(h.i64(108) & Rights.FD_WRITE).isNotZero();
        assertThat(h.i64(108) & (Rights.FD_SEEK | Rights.FD_TELL)).isZero(); // a tty to libc: line-buffered
        assertThat(h.call("fd_fdstat_get", 3, 100)).isZero();
        assertThat(h.u8(100)).isEqualTo(Fd.FILETYPE_DIRECTORY);
        assertThat(h.i64(108) & Rights.PATH_OPEN).isNotZero();
        assertThat(h.i64(116) & Rights.FD_READ).isNotZero();
        assertThat(h.call("fd_fdstat_get", 4, 100)).isEqualTo(WasiErrno.EBADF);
    }

    @Test
    void prestatNamesThePreopen() {
        assertThat(h.call("fd_prestat_get", 3, 100)).isZero();
        assertThat(h.u8(100)).isZero();
        assertThat(h.i32(104)).isEqualTo(5);
        assertThat(h.call("fd_prestat_dir_name", 3, 200, 5)).isZero();
        assertThat(h.string(200, 5)).isEqualTo("/work");
        assertThat(h.call("fd_prestat_dir_name", 3, 200, 4)).isEqualTo(WasiErrno.ENAMETOOLONG);
        assertThat(h.call("fd_prestat_get", 1, 100)).isEqualTo(WasiErrno.EBADF);
        assertThat(h.call("fd_prestat_get", 4, 100)).isEqualTo(WasiErrno.EBADF); // ends libc's preopen scan
        assertThat(h.open(3, "sub")).isZero();
        assertThat(h.call("fd_prestat_get", h.i32(Harness.OUT), 100)).isEqualTo(WasiErrno.EBADF);
    }

    @Test
    void seekTellReadWriteOnAFile() throws IOException {
        assertThat(h.open(3, "data.txt", 0, Rights.FD_READ | Rights.FD_WRITE | Rights.FD_SEEK | Rights.FD_TELL, 0)).isZero();
        int fd = h.i32(Harness.OUT);
        assertThat(fd).isEqualTo(4);
        assertThat(h.read(fd, 3)).isEqualTo("012");
        assertThat(h.call("fd_tell", fd, 100)).isZero();
        assertThat(h.i64(100)).isEqualTo(3);
        assertThat(h.call("fd_seek", fd, -2L, FdCalls.WHENCE_END, 100)).isZero();
        assertThat(h.i64(100)).isEqualTo(8);
        assertThat(h.read(fd, 10)).isEqualTo("89");
        assertThat(h.read(fd, 10)).isEmpty();
        assertThat(h.call("fd_seek", fd, 2L, FdCalls.WHENCE_SET, 100)).isZero();
        assertThat(h.write(fd, "ab")).isZero();
        assertThat(h.call("fd_seek", fd, 1L, FdCalls.WHENCE_CUR, 100)).isZero();
        assertThat(h.i64(100)).isEqualTo(5);
        assertThat(h.call("fd_seek", fd, -6L, FdCalls.WHENCE_CUR, 100)).isEqualTo(WasiErrno.EINVAL);
        assertThat(h.call("fd_seek", fd, 0L, 3, 100)).isEqualTo(WasiErrno.EINVAL);
        assertThat(h.call("fd_seek", 1, 0L, FdCalls.WHENCE_CUR, 100)).isEqualTo(WasiErrno.ESPIPE);
        assertThat(h.call("fd_tell", 0, 100)).isEqualTo(WasiErrno.ESPIPE);
        assertThat(Files.readString(dir.resolve("data.txt"))).isEqualTo("01ab456789");

        // pread/pwrite leave the position alone
        h.iovec(100, 3000, 4);
        assertThat(h.call("fd_pread", fd, 100, 1, 6L, 200)).isZero();
        assertThat(h.string(3000, h.i32(200))).isEqualTo("6789");
        h.put(3000, "XY");
        h.iovec(100, 3000, 2);
        assertThat(h.call("fd_pwrite", fd, 100, 1, 0L, 200)).isZero();
        assertThat(h.call("fd_tell", fd, 100)).isZero();
        assertThat(h.i64(100)).isEqualTo(5);
        assertThat(h.call("fd_pread", 1, 100, 1, 0L, 200)).isEqualTo(WasiErrno.ESPIPE);
        assertThat(Files.readString(dir.resolve("data.txt"))).isEqualTo("XYab456789");

        assertThat(h.call("fd_close", fd)).isZero();
        assertThat(h.call("fd_close", fd)).isEqualTo(WasiErrno.EBADF);
        assertThat(h.read(fd, 1)).isNull();
    }

    @Test
    void rightsLimitWhatAFileCanDo() {
        assertThat(h.open(3, "data.txt", 0, Rights.FD_READ, 0)).isZero();
        int fd = h.i32(Harness.OUT);
        assertThat(h.write(fd, "x")).isEqualTo(WasiErrno.EBADF);
        assertThat(h.call("fd_seek", fd, 0L, 0, 100)).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(h.call("fd_fdstat_set_rights", fd, Rights.FD_READ | Rights.FD_WRITE, 0L)).isEqualTo(WasiErrno.ENOTCAPABLE);
        assertThat(h.call("fd_fdstat_set_rights", fd, 0L, 0L)).isZero();
        assertThat(h.read(fd, 1)).isNull();
    }

    @Test
    void appendFlagWritesAtTheEnd() throws IOException {
        assertThat(h.open(3, "data.txt", 0, Rights.FD_WRITE | Rights.FD_SEEK | Rights.FD_FDSTAT_SET_FLAGS, Fd.FDFLAG_APPEND)).isZero();
        int fd = h.i32(Harness.OUT);
        assertThat(h.write(fd, "A")).isZero();
        assertThat(h.call("fd_fdstat_get", fd, 100)).isZero();
        assertThat(h.u16(102)).isEqualTo(Fd.FDFLAG_APPEND);
        assertThat(h.call("fd_fdstat_set_flags", fd, 0)).isZero();
        assertThat(h.call("fd_seek", fd, 0L, 0, 100)).isZero();
        assertThat(h.write(fd, "B")).isZero();
        assertThat(h.call("fd_fdstat_set_flags", fd, 64)).isEqualTo(WasiErrno.EINVAL);
        assertThat(Files.readString(dir.resolve("data.txt"))).isEqualTo("B123456789A");
    }

    @Test
    void filestatOfFilesDirectoriesAndStdio() throws IOException {
        assertThat(h.open(3, "data.txt")).isZero();
        int fd = h.i32(Harness.OUT);
        assertThat(h.call("fd_filestat_get", fd, 100)).isZero();
        assertThat(h.i64(100)).isEqualTo(1); // dev: preopen 0, plus one
        long ino = h.i64(108);
        assertThat(ino).isNotZero();
        assertThat(h.u8(116)).isEqualTo(Fd.FILETYPE_REGULAR_FILE);
        assertThat(h.i64(124)).isEqualTo(1);
        assertThat(h.i64(132)).isEqualTo(10);
        assertThat(h.i64(140)).isZero(); // virtual clock: no host timestamps
        assertThat(h.i64(148)).isZero();
        assertThat(h.call("fd_filestat_get", 3, 100)).isZero();
        assertThat(h.u8(116)).isEqualTo(Fd.FILETYPE_DIRECTORY);
        assertThat(h.i64(132)).isZero();
        assertThat(h.i64(108)).isNotEqualTo(ino);
        assertThat(h.call("fd_filestat_get", 1, 100)).isZero();
        assertThat(h.u8(116)).isEqualTo(Fd.FILETYPE_CHARACTER_DEVICE);
        // the same path has the same inode in another run
        try (Harness other = new Harness(WasiConfig.builder().preopen(dir, "/elsewhere"))) {
            assertThat(other.open(3, "data.txt")).isZero();
            assertThat(other.call("fd_filestat_get", 4, 100)).isZero();
            assertThat(other.i64(108)).isEqualTo(ino);
        }
    }

    @Test
    void setSizeAndTimes() throws IOException {
        assertThat(h.open(3, "data.txt", 0, Rights.FD_READ | Rights.FD_WRITE | Rights.FD_FILESTAT_SET_SIZE
                | Rights.FD_FILESTAT_SET_TIMES | Rights.FD_FILESTAT_GET | Rights.FD_ALLOCATE, 0)).isZero();
        int fd = h.i32(Harness.OUT);
        assertThat(h.call("fd_filestat_set_size", fd, 4L)).isZero();
        assertThat(Files.readString(dir.resolve("data.txt"))).isEqualTo("0123");
        assertThat(h.call("fd_filestat_set_size", fd, 6L)).isZero();
        assertThat(Files.readAllBytes(dir.resolve("data.txt"))).containsExactly('0', '1', '2', '3', 0, 0);
        assertThat(h.call("fd_allocate", fd, 4L, 4L)).isZero();
        assertThat(Files.size(dir.resolve("data.txt"))).isEqualTo(8);
        assertThat(h.call("fd_filestat_set_times", fd, 5_000_000_000L, 7_000_000_000L,
                FileStats.FST_ATIM | FileStats.FST_MTIM)).isZero();
        assertThat(h.call("fd_filestat_get", fd, 100)).isZero();
        assertThat(h.i64(140)).isEqualTo(5_000_000_000L);
        assertThat(h.i64(148)).isEqualTo(7_000_000_000L);
        assertThat(Files.getLastModifiedTime(dir.resolve("data.txt")).toMillis()).isEqualTo(7_000);
        assertThat(h.call("fd_filestat_set_times", fd, 0L, 0L, FileStats.FST_ATIM | FileStats.FST_ATIM_NOW))
                .isEqualTo(WasiErrno.EINVAL);
        assertThat(h.call("fd_filestat_set_size", 3, 0L)).isEqualTo(WasiErrno.EISDIR);
        assertThat(h.call("fd_sync", fd)).isZero();
        assertThat(h.call("fd_datasync", fd)).isZero();
        assertThat(h.call("fd_advise", fd, 0L, 0L, 1)).isZero();
        assertThat(h.call("fd_advise", fd, 0L, 0L, 9)).isEqualTo(WasiErrno.EINVAL);
    }

    @Test
    void readdirListsSortedWithCookies() {
        assertThat(h.open(3, "sub", PathCalls.O_DIRECTORY, Rights.FD_READDIR, 0)).isZero();
        int fd = h.i32(Harness.OUT);
        assertThat(h.call("fd_readdir", fd, 4000, 1000, 0L, 100)).isZero();
        int used = h.i32(100);
        assertThat(used).isEqualTo(4 * 24 + 1 + 2 + 1 + 1);
        String[] names = {".", "..", "a", "b"};
        int at = 4000;
        for (int i = 0; i < names.length; i++) {
            assertThat(h.i64(at)).isEqualTo(i + 1); // d_next
            int len = h.i32(at + 16);
            assertThat(h.u8(at + 20)).isEqualTo(i < 2 ? Fd.FILETYPE_DIRECTORY : Fd.FILETYPE_REGULAR_FILE);
            assertThat(h.string(at + 24, len)).isEqualTo(names[i]);
            at += 24 + len;
        }
        // from cookie 3: just "b"
        assertThat(h.call("fd_readdir", fd, 4000, 1000, 3L, 100)).isZero();
        assertThat(h.i32(100)).isEqualTo(25);
        assertThat(h.string(4024, 1)).isEqualTo("b");
        // a small buffer is filled completely and the last entry cut off
        assertThat(h.call("fd_readdir", fd, 4000, 30, 0L, 100)).isZero();
        assertThat(h.i32(100)).isEqualTo(30);
        assertThat(h.call("fd_readdir", fd, 4000, 1000, 9L, 100)).isZero();
        assertThat(h.i32(100)).isZero();
        assertThat(h.call("fd_readdir", 1, 4000, 1000, 0L, 100)).isEqualTo(WasiErrno.ENOTDIR);
    }

    @Test
    void renumberMovesADescriptor() {
        assertThat(h.open(3, "data.txt")).isZero();
        assertThat(h.open(3, "sub")).isZero();
        assertThat(h.call("fd_renumber", 4, 5)).isZero();
        assertThat(h.read(5, 3)).isEqualTo("012");
        assertThat(h.read(4, 3)).isNull();
        assertThat(h.call("fd_renumber", 4, 5)).isEqualTo(WasiErrno.EBADF);
        assertThat(h.open(3, "data.txt")).isZero();
        assertThat(h.i32(Harness.OUT)).isEqualTo(4); // the lowest free number
    }
}
