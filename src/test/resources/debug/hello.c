/* hello.c: a WASI command for lia debug's tests (built with build.sh: clang-19 -g -O0). */
#include <stdio.h>
#include <stdlib.h>

static int fib(int n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 10;
    for (int i = 0; i <= n; i += 5) {
        printf("fib(%d) = %d\n", i, fib(i));
    }
    return 0;
}
