;; A module for state tests: tables with call_indirect, passive segments that get dropped,
;; memory that grows with sparse non-zero pages, globals of every number type, and an import
;; (env.ask) reached at the bottom of a recursion.
(module
  (type $un (func (param i32) (result i32)))
  (import "env" "ask" (func $ask (param i32) (result i32)))
  (memory (export "memory") 1 64)
  (table 4 funcref)
  (global $g64 (export "g64") (mut i64) (i64.const 0))
  (global $gf (export "gf") (mut f64) (f64.const 0.5))
  (global $g32f (export "g32f") (mut f32) (f32.const -1.5))
  (global $count (export "count") (mut i32) (i32.const 0))
  (elem (i32.const 0) $double $square)
  (elem $later func $double $square)
  (data $blob "abcdefgh")
  (data (i32.const 100) "static")
  (func $double (type $un) (i32.mul (local.get 0) (i32.const 2)))
  (func $square (type $un) (i32.mul (local.get 0) (local.get 0)))
  ;; n levels of recursion, then the host is asked; results come back through call_indirect
  (func $deep (export "deep") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (call $ask (i32.const 0)))
      (else
        (i32.add
          (call_indirect (type $un) (local.get $n) (i32.rem_u (local.get $n) (i32.const 2)))
          (call $deep (i32.sub (local.get $n) (i32.const 1)))))))
  ;; grows memory by n pages and marks the start of each new page
  (func $grow (export "grow") (param $n i32) (result i32)
    (local $old i32) (local $i i32)
    (local.set $old (memory.grow (local.get $n)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.mul (i32.add (local.get $old) (local.get $i)) (i32.const 65536))
                   (i32.add (local.get $i) (i32.const 1000)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $old))
  ;; copies the passive data to 200 and drops it; fills table 2..3 from the passive elements and drops them
  (func $init (export "init")
    (memory.init $blob (i32.const 200) (i32.const 0) (i32.const 8))
    (data.drop $blob)
    (table.init $later (i32.const 2) (i32.const 0) (i32.const 2))
    (elem.drop $later)
    (global.set $count (i32.add (global.get $count) (i32.const 1))))
  ;; a loop that burns fuel
  (func $spin (export "spin") (param $n i32) (result i64)
    (local $acc i64)
    (block $done
      (loop $l
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 31)) (i64.extend_i32_u (local.get $n))))
        (global.set $gf (f64.add (global.get $gf) (f64.const 0.25)))
        (global.set $g32f (f32.mul (global.get $g32f) (f32.const -1.0001)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (global.set $g64 (local.get $acc))
    (local.get $acc))
  (func $pick (export "pick") (param i32 i32) (result i32)
    (call_indirect (type $un) (local.get 0) (local.get 1))))
