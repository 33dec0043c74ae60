/*
 * A SIMD workload for Lia's compiled tier (bench/simd/README.md): loops clang vectorizes with
 * -msimd128 (f32 saxpy and dot product, i16 dot product, byte compare-and-count, i32 min/max, a
 * byte transform), over a few MB, repeated. Each kernel is a function of its own (noinline), as hot
 * loops in real programs mostly are. Prints one checksum line per kernel, so every engine's output
 * can be compared byte for byte.
 *
 *   clang-19 --target=wasm32-wasi -O2 -msimd128 -o simd.wasm simd.c
 *   simd.wasm [MB] [reps]      (defaults: 4 MB, 10 repetitions)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;

static uint32_t next(void) {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

__attribute__((noinline)) static void saxpy(float *restrict y, const float *restrict x, float a, int n) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

__attribute__((noinline)) static float dot_f32(const float *restrict x, const float *restrict y, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) s += x[i] * y[i]; /* not reassociated at -O2: kept scalar-ordered below */
    return s;
}

__attribute__((noinline)) static float dot_f32_lanes(const float *restrict x, const float *restrict y, int n) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i + 4 <= n; i += 4) {
        s0 += x[i] * y[i];
        s1 += x[i + 1] * y[i + 1];
        s2 += x[i + 2] * y[i + 2];
        s3 += x[i + 3] * y[i + 3];
    }
    return (s0 + s1) + (s2 + s3);
}

__attribute__((noinline)) static int32_t dot_i16(const int16_t *restrict x, const int16_t *restrict y, int n) {
    int32_t s = 0;
    for (int i = 0; i < n; i++) s += (int32_t) x[i] * y[i];
    return s;
}

__attribute__((noinline)) static uint32_t count_byte(const uint8_t *p, int n, uint8_t v) {
    uint32_t c = 0;
    for (int i = 0; i < n; i++) c += p[i] == v;
    return c;
}

__attribute__((noinline)) static void to_upper(uint8_t *restrict out, const uint8_t *restrict in, int n) {
    for (int i = 0; i < n; i++) {
        uint8_t c = in[i];
        out[i] = (c >= 'a' && c <= 'z') ? (uint8_t) (c - 32) : c;
    }
}

__attribute__((noinline)) static void minmax_i32(const int32_t *p, int n, int32_t *lo, int32_t *hi) {
    int32_t a = p[0], b = p[0];
    for (int i = 0; i < n; i++) {
        a = p[i] < a ? p[i] : a;
        b = p[i] > b ? p[i] : b;
    }
    *lo = a;
    *hi = b;
}

__attribute__((noinline)) static uint32_t fnv(const uint8_t *p, int n) {
    uint32_t h = 2166136261u;
    for (int i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

int main(int argc, char **argv) {
    int mb = argc > 1 ? atoi(argv[1]) : 4;
    int reps = argc > 2 ? atoi(argv[2]) : 10;
    int bytes = mb << 20;
    int nf = bytes / 4 / 2;
    int ns = bytes / 2 / 2;
    float *x = malloc(nf * sizeof(float)), *y = malloc(nf * sizeof(float));
    int16_t *u = malloc(ns * sizeof(int16_t)), *v = malloc(ns * sizeof(int16_t));
    uint8_t *text = malloc(bytes), *upper = malloc(bytes);
    int32_t *ints = (int32_t *) text;
    if (!x || !y || !u || !v || !text || !upper) {
        printf("out of memory\n");
        return 1;
    }
    /* the inputs: a random block of 64 KB, repeated (so that setting up costs little beside the kernels) */
    int block = 1 << 14;
    for (int i = 0; i < block && i < nf; i++) {
        x[i] = (float) (next() % 1000) / 1000.0f;
        y[i] = (float) (next() % 1000) / 1000.0f;
    }
    for (int i = 0; i < block && i < ns; i++) {
        u[i] = (int16_t) (next() % 2000) - 1000;
        v[i] = (int16_t) (next() % 2000) - 1000;
    }
    for (int i = 0; i < 4 * block && i < bytes; i++) text[i] = (uint8_t) (32 + next() % 95);
    for (int i = block; i < nf; i += block) {
        memcpy(x + i, x, (nf - i < block ? nf - i : block) * sizeof(float));
        memcpy(y + i, y, (nf - i < block ? nf - i : block) * sizeof(float));
    }
    for (int i = block; i < ns; i += block) {
        memcpy(u + i, u, (ns - i < block ? ns - i : block) * sizeof(int16_t));
        memcpy(v + i, v, (ns - i < block ? ns - i : block) * sizeof(int16_t));
    }
    for (int i = 4 * block; i < bytes; i += 4 * block) memcpy(text + i, text, bytes - i < 4 * block ? bytes - i : 4 * block);
    float fsum = 0, fdot = 0;
    int32_t idot = 0, lo = 0, hi = 0;
    uint32_t count = 0, hash = 0;
    for (int r = 0; r < reps; r++) {
        saxpy(y, x, 0.5f, nf);
        fsum += dot_f32_lanes(x, y, nf);
        if (r == 0) fdot = dot_f32(x, y, nf);
        idot += dot_i16(u, v, ns);
        count += count_byte(text, bytes, (uint8_t) ('a' + r % 26));
        to_upper(upper, text, bytes);
        hash = hash * 31 + fnv(upper + (r * 4096) % (bytes - 4096), 4096);
        minmax_i32(ints, bytes / 4, &lo, &hi);
    }
    printf("saxpy+dot %.6e\n", (double) fsum);
    printf("dot f32 %.6e\n", (double) fdot);
    printf("dot i16 %d\n", idot);
    printf("count %u\n", count);
    printf("upper %08x\n", hash);
    printf("minmax %d %d\n", lo, hi);
    return 0;
}
