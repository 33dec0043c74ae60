/* demo.c: a small C program for Lia's debugger tests.
 *
 * Built with build.sh (clang-19 --target=wasm32-wasi -g -O0), which writes
 * demo.wasm (DWARF 4, clang's default for wasm) and demo-dwarf5.wasm.
 */

static int square(int x) {
    int result = x * x;
    return result;
}

int sum_squares(int n) {
    int total = 0;
    for (int i = 1; i <= n; i++) {
        total += square(i);
    }
    return total;
}

static int divide(int a, int b) {
    return a / b;
}

int checked_ratio(int a, int b) {
    int q = divide(a, b);
    return q + 1;
}

char greeting[] = "hello, debugger";

char *greeting_address(void) {
    return greeting;
}

int greeting_length(void) {
    int n = 0;
    while (greeting[n] != 0) {
        n++;
    }
    return n;
}
