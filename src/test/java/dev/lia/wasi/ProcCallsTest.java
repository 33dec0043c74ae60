package dev.lia.wasi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Arguments, environment, clocks, random bytes, poll, exit, ENOSYS, EFAULT. */
class ProcCallsTest {
    @Test
    void argsSizesAndStrings() {
        try (Harness h = new Harness(WasiConfig.builder().args("prog", "héllo", ""))) {
            assertThat(h.call("args_sizes_get", 100, 104)).isZero();
            assertThat(h.i32(100)).isEqualTo(3);
            assertThat(h.i32(104)).isEqualTo(5 + 7 + 1); // "prog\0" "héllo\0" (é is 2 bytes) "\0"
            assertThat(h.call("args_get", 200, 300)).isZero();
            assertThat(h.i32(200)).isEqualTo(300);
            assertThat(h.i32(204)).isEqualTo(305);
            assertThat(h.i32(208)).isEqualTo(312);
            assertThat(h.string(300, 13)).isEqualTo("prog\0héllo\0\0");
        }
    }

    @Test
    void environmentInTheOrderGiven() {
        try (Harness h = new Harness(WasiConfig.builder().env("B", "2").env("A", "x=y"))) {
            assertThat(h.call("environ_sizes_get", 100, 104)).isZero();
            assertThat(h.i32(100)).isEqualTo(2);
            assertThat(h.i32(104)).isEqualTo(4 + 6);
            assertThat(h.call("environ_get", 200, 300)).isZero();
            assertThat(h.string(h.i32(200), 3)).isEqualTo("B=2");
            assertThat(h.string(h.i32(204), 5)).isEqualTo("A=x=y");
        }
        try (Harness h = new Harness()) { // the default environment is empty
            assertThat(h.call("environ_sizes_get", 100, 104)).isZero();
            assertThat(h.i32(100)).isZero();
            assertThat(h.i32(104)).isZero();
        }
    }

    @Test
    void virtualClockStartsAtTheEpochAndStepsPerRead() {
        try (Harness h = new Harness()) {
            assertThat(h.call("clock_time_get", WasiClock.REALTIME, 1L, 100)).isZero();
            assertThat(h.i64(100)).isEqualTo(WasiClock.DEFAULT_EPOCH_NANOS + WasiClock.DEFAULT_STEP_NANOS);
            assertThat(h.call("clock_time_get", WasiClock.MONOTONIC, 1L, 100)).isZero();
            assertThat(h.i64(100)).isEqualTo(2 * WasiClock.DEFAULT_STEP_NANOS);
            assertThat(h.call("clock_time_get", WasiClock.PROCESS_CPUTIME, 1L, 100)).isZero();
            assertThat(h.i64(100)).isEqualTo(3 * WasiClock.DEFAULT_STEP_NANOS);
            assertThat(h.call("clock_res_get", WasiClock.MONOTONIC, 100)).isZero();
            assertThat(h.i64(100)).isEqualTo(WasiClock.DEFAULT_STEP_NANOS);
            assertThat(h.call("clock_time_get", 4, 1L, 100)).isEqualTo(WasiErrno.EINVAL);
            assertThat(h.call("clock_res_get", -1, 100)).isEqualTo(WasiErrno.EINVAL);
            // a failed read does not move the clock
            assertThat(h.call("clock_time_get", WasiClock.MONOTONIC, 1L, 65535)).isEqualTo(WasiErrno.EFAULT);
            assertThat(h.call("clock_time_get", WasiClock.MONOTONIC, 1L, 100)).isZero();
            assertThat(h.i64(100)).isEqualTo(4 * WasiClock.DEFAULT_STEP_NANOS);
        }
        try (Harness h = new Harness(WasiConfig.builder().virtualClock(0, 7))) {
            h.call("clock_time_get", WasiClock.REALTIME, 0L, 100);
            h.call("clock_time_get", WasiClock.REALTIME, 0L, 108);
            assertThat(h.i64(100)).isEqualTo(7);
            assertThat(h.i64(108)).isEqualTo(14);
        }
    }

    @Test
    void realClockIsTheHosts() {
        try (Harness h = new Harness(WasiConfig.builder().realClock())) {
            long before = System.currentTimeMillis();
            assertThat(h.call("clock_time_get", WasiClock.REALTIME, 1L, 100)).isZero();
            long after = System.currentTimeMillis();
            assertThat(h.i64(100) / 1_000_000).isBetween(before - 1, after + 1);
        }
    }

    @Test
    void randomIsSeededAndRepeatable() {
        byte[][] runs = new byte[3][];
        long[] seeds = {0, 0, 1};
        for (int i = 0; i < 3; i++) {
            try (Harness h = new Harness(WasiConfig.builder().seed(seeds[i]))) {
                assertThat(h.call("random_get", 100, 13)).isZero();
                assertThat(h.call("random_get", 113, 19)).isZero();
                runs[i] = h.memory.read(100, 32);
                assertThat(h.memory.read(132, 8)).containsOnly(0); // nothing beyond the buffer
            }
        }
        assertThat(runs[0]).isEqualTo(runs[1]).isNotEqualTo(runs[2]);
        // SplitMix64 from 0: the first output is 0xe220a8397b1dcdaf, little-endian
        assertThat(runs[0]).startsWith((byte) 0xaf, (byte) 0xcd, (byte) 0x1d, (byte) 0x7b);
        try (Harness h = new Harness(WasiConfig.builder().secureRandom())) {
            assertThat(h.call("random_get", 100, 64)).isZero();
            assertThat(h.call("random_get", 65530, 64)).isEqualTo(WasiErrno.EFAULT);
        }
    }

    @Test
    void pollOnClocksAdvancesTheVirtualClock() {
        try (Harness h = new Harness()) {
            // two relative monotonic subscriptions: 5 s and 2 s; the earlier fires
            subscribeClock(h, 100, 11, WasiClock.MONOTONIC, 5_000_000_000L, 0);
            subscribeClock(h, 148, 22, WasiClock.MONOTONIC, 2_000_000_000L, 0);
            assertThat(h.call("poll_oneoff", 100, 400, 2, 600)).isZero();
            assertThat(h.i32(600)).isEqualTo(1);
            assertThat(h.i64(400)).isEqualTo(22);
            assertThat(h.u16(408)).isZero();
            assertThat(h.u8(410)).isEqualTo(PollCall.EVENTTYPE_CLOCK);
            h.call("clock_time_get", WasiClock.MONOTONIC, 0L, 700);
            assertThat(h.i64(700)).isEqualTo(2_000_000_000L + WasiClock.DEFAULT_STEP_NANOS);
            // an absolute deadline in the past fires at once without moving the clock
            subscribeClock(h, 100, 33, WasiClock.MONOTONIC, 5, PollCall.SUBCLOCK_ABSTIME);
            assertThat(h.call("poll_oneoff", 100, 400, 1, 600)).isZero();
            assertThat(h.i32(600)).isEqualTo(1);
            assertThat(h.i64(400)).isEqualTo(33);
            h.call("clock_time_get", WasiClock.MONOTONIC, 0L, 700);
            assertThat(h.i64(700)).isEqualTo(2_000_000_000L + 2 * WasiClock.DEFAULT_STEP_NANOS);
        }
    }

    @Test
    void pollOnDescriptorsReportsReady() {
        try (Harness h = new Harness(WasiConfig.builder().stdin("abc".getBytes()))) {
            subscribeClock(h, 100, 1, WasiClock.MONOTONIC, 1_000_000_000L, 0);
            subscribeFd(h, 148, 2, PollCall.EVENTTYPE_FD_READ, 0);
            subscribeFd(h, 196, 3, PollCall.EVENTTYPE_FD_WRITE, 1);
            subscribeFd(h, 244, 4, PollCall.EVENTTYPE_FD_READ, 42);
            assertThat(h.call("poll_oneoff", 100, 400, 4, 600)).isZero();
            assertThat(h.i32(600)).isEqualTo(3); // the clock has not expired: descriptors do not wait
            assertThat(h.i64(400)).isEqualTo(2);
            assertThat(h.u8(410)).isEqualTo(PollCall.EVENTTYPE_FD_READ);
            assertThat(h.i64(416)).isEqualTo(3); // bytes ready on stdin
            assertThat(h.i64(432)).isEqualTo(3);
            assertThat(h.u8(442)).isEqualTo(PollCall.EVENTTYPE_FD_WRITE);
            assertThat(h.i64(464)).isEqualTo(4);
            assertThat(h.u16(472)).isEqualTo(WasiErrno.EBADF);
            assertThat(h.call("poll_oneoff", 100, 400, 0, 600)).isEqualTo(WasiErrno.EINVAL);
        }
    }

    static void subscribeClock(Harness h, int at, long userdata, int clock, long timeout, int flags) {
        h.memory.write(at, new byte[48]);
        h.memory.writeLong(at, userdata);
        h.memory.bytes()[at + 8] = PollCall.EVENTTYPE_CLOCK;
        h.memory.writeInt(at + 16, clock);
        h.memory.writeLong(at + 24, timeout);
        h.memory.bytes()[at + 40] = (byte) flags;
    }

    static void subscribeFd(Harness h, int at, long userdata, int type, int fd) {
        h.memory.write(at, new byte[48]);
        h.memory.writeLong(at, userdata);
        h.memory.bytes()[at + 8] = (byte) type;
        h.memory.writeInt(at + 16, fd);
    }

    @Test
    void procExitThrowsTheCodeAndFlushes() {
        try (Harness h = new Harness()) {
            assertThat(h.write(1, "bye")).isZero();
            assertThatThrownBy(() -> h.call("proc_exit", 42))
                    .isInstanceOfSatisfying(WasiExit.class, e -> assertThat(e.code()).isEqualTo(42));
            assertThat(h.out()).isEqualTo("bye");
        }
    }

    @Test
    void unsupportedCallsAnswerEnosys() {
        try (Harness h = new Harness()) {
            assertThat(h.call("proc_raise", 6)).isEqualTo(WasiErrno.ENOSYS);
            assertThat(h.call("sock_accept", 3, 0, 100)).isEqualTo(WasiErrno.ENOSYS);
            assertThat(h.call("sock_recv", 3, 0, 0, 0, 100, 104)).isEqualTo(WasiErrno.ENOSYS);
            assertThat(h.call("sock_send", 3, 0, 0, 0, 100)).isEqualTo(WasiErrno.ENOSYS);
            assertThat(h.call("sock_shutdown", 3, 0)).isEqualTo(WasiErrno.ENOSYS);
            assertThat(h.call("sched_yield")).isZero();
        }
    }

    @Test
    void everyPreview1FunctionIsOffered() {
        try (Harness h = new Harness()) {
            assertThat(h.wasi.functionNames()).hasSize(46).contains(
                    "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
                    "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
                    "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times",
                    "fd_pread", "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir",
                    "fd_renumber", "fd_seek", "fd_sync", "fd_tell", "fd_write", "path_create_directory",
                    "path_filestat_get", "path_filestat_set_times", "path_link", "path_open", "path_readlink",
                    "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file", "poll_oneoff",
                    "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept", "sock_recv", "sock_send",
                    "sock_shutdown");
        }
    }

    @Test
    void pointersOutsideMemoryAnswerEfault() {
        try (Harness h = new Harness(WasiConfig.builder().args("a"))) {
            assertThat(h.call("args_sizes_get", 65534, 100)).isEqualTo(WasiErrno.EFAULT);
            assertThat(h.call("args_get", 100, -1)).isEqualTo(WasiErrno.EFAULT);
            h.iovec(100, 65530, 100);
            assertThat(h.call("fd_write", 1, 100, 1, 200)).isEqualTo(WasiErrno.EFAULT);
            assertThat(h.call("fd_write", 1, 65532, 1, 200)).isEqualTo(WasiErrno.EFAULT);
            assertThat(h.call("fd_fdstat_get", 1, 65530)).isEqualTo(WasiErrno.EFAULT);
            assertThat(h.out()).isEmpty();
        }
    }
}
