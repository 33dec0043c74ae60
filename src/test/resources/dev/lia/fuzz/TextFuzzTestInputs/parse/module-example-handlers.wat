0;; A module that needs its host: it imports functions that a Lia script implements with
;; `on env.NAME(...)` handlers, and calls them from deep inside its own code.
(module
  (import "env" "weight" (func $weight (param i32) (result i32)))   ;; per-item weight, answered by the script
  (import "env" "log" (func $log (param i32 i32)))                  ;; (ptr, len) of a UTF-8 line
  (import "env" "down" (func $down (param i32) (result i32)))       ;; recursion through the host
  (memory (export "memory") 1)
  (data (i32.const 0) "total computed")

  (func (export "double") (param $x i32) (result i32)
    (i32.mul (local.get $x) (i32.const 2)))

  ;; sum of weight(i) for i in 0..n, then a log line
  (func (export "total") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $weight (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $log (i32.const 0) (i32.const 14))
    (local.get $acc))

  ;; depth(n) = n == 0 ? 0 : down(n) + 1, where the host's down(n) calls depth(n - 1) again
  (func (export "depth") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (call $down (local.get $n)) (i32.const 1))))))
