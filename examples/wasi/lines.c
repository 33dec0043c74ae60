// A WASI command that reads lines from stdin: for each it prints the line reversed, with the time
// on the (virtual) monotonic clock and a random number, so a resumed run shows that the clock and
// the random source went on where they were. At the end of the input it prints a summary.
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char line[256];
    int n = 0;
    long total = 0;
    printf("%s: ready\n", argc > 1 ? argv[1] : "lines");
    fflush(stdout);
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strcspn(line, "\n");
        line[len] = 0;
        n++;
        total += (long) len;
        for (size_t i = 0; i < len / 2; i++) {
            char t = line[i];
            line[i] = line[len - 1 - i];
            line[len - 1 - i] = t;
        }
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        unsigned r;
        getentropy(&r, sizeof r);
        printf("%d: %s (t=%lld ms, r=%u)\n", n, line, (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000, r % 1000);
        fflush(stdout);
    }
    printf("%d lines, %ld bytes\n", n, total);
    return 0;
}
