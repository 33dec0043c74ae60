;; Fixtures for MachineTest (build: wat2wasm --debug-names machine.wat -o machine.wasm)
(module
  (import "env" "ask" (func $ask (param i32) (result i32)))
  (memory (export "memory") 1 4)
  (global $calls (export "calls") (mut i32) (i32.const 0))

  ;; f(x) = g(x) + 1, g(x) = ask(x * 2): a host call two frames deep
  (func $f (export "f") (param i32) (result i32)
    (i32.add (call $g (local.get 0)) (i32.const 1)))
  (func $g (param i32) (result i32)
    (call $ask (i32.mul (local.get 0) (i32.const 2))))

  (func (export "double") (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const 2)))

  ;; unbounded recursion, counting frames in $calls
  (func $recurse (export "recurse")
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (call $recurse))

  ;; recursion with a large frame: runs out of value-stack slots before call depth
  (func $fat (export "fat") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (call $fat (local.get 0)))

  (func $inner (param i32) (result i32)
    (i32.div_u (i32.const 1) (local.get 0)))
  (func $outer (export "divide") (param i32) (result i32)
    (call $inner (local.get 0)))

  (func (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))

  ;; multi-value through blocks and br_table
  (func (export "swap") (param i32 i32) (result i32 i32)
    (local.get 1) (local.get 0))
  (func (export "pick") (param i32) (result i32)
    (block $c (result i32)
      (block $b (result i32)
        (block $a (result i32)
          (i32.const 10)
          (br_table $a $b $c (local.get 0)))
        (i32.const 1) (i32.add))
      (i32.const 2) (i32.add)))
)
