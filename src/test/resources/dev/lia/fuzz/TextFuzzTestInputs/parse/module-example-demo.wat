0;; The module the examples of docs/lia.md and the golden tests run against.
(module
  (import "env" "random" (func $random (result f64)))
  (memory (export "memory") 1 4)
  (global (export "counter") (mut i32) (i32.const 7))
  (global (export "limit") i64 (i64.const 1000))
  (data (i32.const 16) "hello from wasm")

  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $add64 (export "add64") (param i64 i64) (result i64)
    (i64.add (local.get 0) (local.get 1)))
  (func $scale (export "scale") (param f64 f64) (result f64)
    (f64.mul (local.get 0) (local.get 1)))
  ;; two results: quotient and remainder
  (func $divmod (export "divmod") (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))
  ;; traps inside a nested call when b is 0
  (func $quotient (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $divide (export "divide") (param i32 i32) (result i32)
    (call $quotient (local.get 0) (local.get 1)))
  ;; FNV-1a-32 of memory[ptr .. ptr+len)
  (func $hash (export "hash") (param $ptr i32) (param $len i32) (result i32)
    (local $h i32) (local $end i32)
    (local.set $h (i32.const 0x811c9dc5))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $ptr))) (i32.const 0x01000193)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
    (local.get $h))
  ;; a random number in [0, n), from the imported env.random
  (func $roll (export "roll") (param $n i32) (result i32)
    (i32.trunc_f64_u (f64.mul (call $random) (f64.convert_i32_u (local.get $n))))))
