// Exercises WASI files through a preopen mounted at /sb (see WasiProgramsTest for the host tree).
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void status(const char *what, int ok) {
    if (ok) printf("%s: ok\n", what);
    else printf("%s: errno %d (%s)\n", what, errno, strerror(errno));
}

static void cat(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { status(path, 0); return; }
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    printf("%s: \"%s\"\n", path, buf);
    fclose(f);
}

static void try_open(const char *path, int flags) {
    errno = 0;
    int fd = open(path, flags, 0644);
    status(path, fd >= 0);
    if (fd >= 0) close(fd);
}

static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) { status(path, 0); return; }
    printf("%s:", path);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) printf(" %s%s", e->d_name, e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : "");
    printf("\n");
    closedir(d);
}

int main(void) {
    cat("/sb/in.txt");
    struct stat st;
    status("stat in.txt", stat("/sb/in.txt", &st) == 0);
    printf("size %lld regular %d dir %d\n", (long long) st.st_size, S_ISREG(st.st_mode), S_ISDIR(st.st_mode));
    printf("mtime %lld\n", (long long) st.st_mtime);

    status("mkdir out", mkdir("/sb/out", 0755) == 0);
    status("mkdir out again", mkdir("/sb/out", 0755) == 0);
    FILE *f = fopen("/sb/out/f.txt", "w");
    fputs("abc", f);
    fclose(f);
    f = fopen("/sb/out/f.txt", "a");
    fputs("def", f);
    fclose(f);
    cat("/sb/out/f.txt");
    f = fopen("/sb/out/f.txt", "r+");
    fseek(f, 2, SEEK_SET);
    char buf[16] = {0};
    fread(buf, 1, 2, f);
    printf("at 2: %s, now at %ld\n", buf, ftell(f));
    fseek(f, -1, SEEK_END);
    fputc('X', f);
    fclose(f);
    cat("/sb/out/f.txt");

    int fd = open("/sb/out/f.txt", O_RDWR);
    status("ftruncate", ftruncate(fd, 4) == 0);
    fstat(fd, &st);
    printf("size after truncate %lld\n", (long long) st.st_size);
    char two[3] = {0};
    status("pread", pread(fd, two, 2, 1) == 2);
    printf("pread at 1: %s\n", two);
    close(fd);

    list("/sb/sub");
    list("/sb");

    status("rename", rename("/sb/out/f.txt", "/sb/out/g.txt") == 0);
    try_open("/sb/out/f.txt", O_RDONLY);
    cat("/sb/out/g.txt");

    status("symlink", symlink("g.txt", "/sb/out/link") == 0);
    char target[64] = {0};
    ssize_t n = readlink("/sb/out/link", target, sizeof target - 1);
    printf("readlink: %zd %s\n", n, target);
    cat("/sb/out/link");
    status("lstat link", lstat("/sb/out/link", &st) == 0);
    printf("link is a link: %d\n", S_ISLNK(st.st_mode));
    status("symlink out", symlink("../../outside", "/sb/out/bad") == 0);
    status("symlink absolute", symlink("/etc/passwd", "/sb/out/bad") == 0);

    status("rmdir non-empty", rmdir("/sb/out") == 0);
    status("unlink dir", unlink("/sb/out") == 0);
    status("unlink link", unlink("/sb/out/link") == 0);
    status("unlink g", unlink("/sb/out/g.txt") == 0);
    status("unlink g again", unlink("/sb/out/g.txt") == 0);
    status("rmdir out", rmdir("/sb/out") == 0);

    printf("-- escapes\n");
    try_open("/sb/../outside/secret", O_RDONLY);
    try_open("/sb/sub/../../outside/secret", O_RDONLY);
    try_open("/sb/escape/secret", O_RDONLY);
    try_open("/sb/abs", O_RDONLY);
    try_open("/etc/passwd", O_RDONLY);
    cat("/sb/inner");
    cat("/sb/sub/../in.txt");
    printf("-- errors\n");
    try_open("/sb/missing", O_RDONLY);
    try_open("/sb/sub", O_WRONLY);
    try_open("/sb/in.txt/x", O_RDONLY);
    try_open("/sb/in.txt", O_RDONLY | O_CREAT | O_EXCL);
    try_open("/sb/in.txt", O_RDONLY | O_DIRECTORY);
    status("rmdir file", rmdir("/sb/in.txt") == 0);
    status("stat missing", stat("/sb/nope", &st) == 0);
    return 0;
}
