#!/bin/sh
# Rebuilds the test modules from demo.c (needs clang-19, lld-19 and wasi-libc; CI uses the checked-in .wasm).
set -e
cd "$(dirname "$0")"
FLAGS="--target=wasm32-wasi -mexec-model=reactor -O0 -fdebug-prefix-map=$(pwd)=. -Wl,--no-entry
  -Wl,--export=sum_squares -Wl,--export=checked_ratio -Wl,--export=greeting_address -Wl,--export=greeting_length"
clang-19 -g $FLAGS -o demo.wasm demo.c
clang-19 -gdwarf-5 $FLAGS -o demo-dwarf5.wasm demo.c
clang-19 --target=wasm32-wasi -g -O0 -fdebug-prefix-map=$(pwd)=. -o hello.wasm hello.c
