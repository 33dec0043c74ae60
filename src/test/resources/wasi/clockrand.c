// Clocks, sleeping, polling and random bytes: deterministic under Lia's defaults.
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
    struct timespec a, b, r;
    clock_gettime(CLOCK_REALTIME, &a);
    clock_gettime(CLOCK_REALTIME, &b);
    printf("realtime %lld.%09ld then %lld.%09ld\n", (long long) a.tv_sec, a.tv_nsec, (long long) b.tv_sec, b.tv_nsec);
    clock_getres(CLOCK_MONOTONIC, &r);
    printf("monotonic resolution %lld ns\n", ns(r));
    clock_gettime(CLOCK_MONOTONIC, &a);
    struct timespec nap = {1, 500000000};
    nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("slept %lld ns\n", ns(b) - ns(a));
    printf("time() %lld\n", (long long) time(NULL));

    unsigned char bytes[16];
    if (getentropy(bytes, sizeof bytes) != 0) return 1;
    printf("random");
    for (int i = 0; i < 16; i++) printf(" %02x", bytes[i]);
    printf("\n");
    printf("arc4random %u %u\n", arc4random(), arc4random());

    struct pollfd fds[2] = {{0, POLLIN, 0}, {1, POLLOUT, 0}};
    int n = poll(fds, 2, 1000);
    printf("poll %d: stdin %d stdout %d\n", n, fds[0].revents, fds[1].revents);
    clock_gettime(CLOCK_MONOTONIC, &a);
    n = poll(NULL, 0, 250);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("poll timeout %d after %lld ms\n", n, (ns(b) - ns(a)) / 1000000);
    return 0;
}
