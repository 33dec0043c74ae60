// Imports every wasi_snapshot_preview1 function (so instantiating checks each signature) and calls
// each with descriptor 99, which is not open, printing the errno it answers.
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
extern int raw_proc_raise(int signal);

static unsigned char buf[256] __attribute__((aligned(8)));
#define P ((void *) buf)
#define SHOW(name, call) printf("%s %d\n", name, (int) (call))

int main(void) {
    __wasi_size_t a, b;
    __wasi_timestamp_t t;
    __wasi_fd_t fd;
    __wasi_size_t n;
    __wasi_filesize_t off;
    __wasi_ciovec_t ciov = {buf, 1};
    __wasi_iovec_t iov = {buf, 1};
    __wasi_event_t ev;
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = 1000;

    SHOW("args_sizes_get", __wasi_args_sizes_get(&a, &b));
    SHOW("environ_sizes_get", __wasi_environ_sizes_get(&a, &b));
    SHOW("clock_res_get", __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &t));
    SHOW("clock_res_get bad clock", __wasi_clock_res_get(7, &t));
    SHOW("clock_time_get", __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t));
    SHOW("random_get", __wasi_random_get(buf, 8));
    SHOW("sched_yield", __wasi_sched_yield());
    SHOW("poll_oneoff", __wasi_poll_oneoff(&sub, &ev, 1, &n));
    SHOW("fd_advise", __wasi_fd_advise(99, 0, 0, 0));
    SHOW("fd_allocate", __wasi_fd_allocate(99, 0, 1));
    SHOW("fd_close", __wasi_fd_close(99));
    SHOW("fd_datasync", __wasi_fd_datasync(99));
    SHOW("fd_fdstat_get", __wasi_fd_fdstat_get(99, P));
    SHOW("fd_fdstat_set_flags", __wasi_fd_fdstat_set_flags(99, 0));
    SHOW("fd_fdstat_set_rights", __wasi_fd_fdstat_set_rights(99, 0, 0));
    SHOW("fd_filestat_get", __wasi_fd_filestat_get(99, P));
    SHOW("fd_filestat_set_size", __wasi_fd_filestat_set_size(99, 0));
    SHOW("fd_filestat_set_times", __wasi_fd_filestat_set_times(99, 0, 0, 0));
    SHOW("fd_pread", __wasi_fd_pread(99, &iov, 1, 0, &n));
    SHOW("fd_prestat_get", __wasi_fd_prestat_get(99, P));
    SHOW("fd_prestat_dir_name", __wasi_fd_prestat_dir_name(99, buf, 8));
    SHOW("fd_pwrite", __wasi_fd_pwrite(99, &ciov, 1, 0, &n));
    SHOW("fd_read", __wasi_fd_read(99, &iov, 1, &n));
    SHOW("fd_readdir", __wasi_fd_readdir(99, buf, 64, 0, &n));
    SHOW("fd_renumber", __wasi_fd_renumber(99, 98));
    SHOW("fd_seek", __wasi_fd_seek(99, 0, __WASI_WHENCE_SET, &off));
    SHOW("fd_seek stdout", __wasi_fd_seek(1, 0, __WASI_WHENCE_SET, &off));
    SHOW("fd_sync", __wasi_fd_sync(99));
    SHOW("fd_tell", __wasi_fd_tell(99, &off));
    SHOW("fd_write", __wasi_fd_write(99, &ciov, 1, &n));
    SHOW("path_create_directory", __wasi_path_create_directory(99, "d"));
    SHOW("path_filestat_get", __wasi_path_filestat_get(99, 0, "f", P));
    SHOW("path_filestat_set_times", __wasi_path_filestat_set_times(99, 0, "f", 0, 0, 0));
    SHOW("path_link", __wasi_path_link(99, 0, "a", 99, "b"));
    SHOW("path_open", __wasi_path_open(99, 0, "f", 0, 0, 0, 0, &fd));
    SHOW("path_readlink", __wasi_path_readlink(99, "l", buf, 16, &n));
    SHOW("path_remove_directory", __wasi_path_remove_directory(99, "d"));
    SHOW("path_rename", __wasi_path_rename(99, "a", 99, "b"));
    SHOW("path_symlink", __wasi_path_symlink("a", 99, "b"));
    SHOW("path_unlink_file", __wasi_path_unlink_file(99, "f"));
    SHOW("sock_accept", __wasi_sock_accept(99, 0, &fd));
    SHOW("sock_recv", __wasi_sock_recv(99, &iov, 1, 0, &n, (void *) buf));
    SHOW("sock_send", __wasi_sock_send(99, &ciov, 1, 0, &n));
    SHOW("sock_shutdown", __wasi_sock_shutdown(99, __WASI_SDFLAGS_RD));
    SHOW("proc_raise", raw_proc_raise(6));
    SHOW("fd_write bad pointer", __wasi_fd_write(1, (void *) 0xFFFFFFF0, 1, &n));
    fflush(stdout);
    __wasi_proc_exit(7);
}
