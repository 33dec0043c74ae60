#!/bin/sh
# Builds jit.wasm from jit.c. Needs clang-19 and lld-19 with wasi-libc:
#   apt-get install -y clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32
# The built jit.wasm is checked in, so the tests need no C compiler.
set -e
cd "$(dirname "$0")"
clang-19 --target=wasm32-wasi -mexec-model=reactor -O2 \
  -Wl,--growable-table -Wl,--export-table -Wl,--strip-debug \
  -o jit.wasm jit.c
