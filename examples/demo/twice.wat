;; The module the instantiate(...) examples of docs/lia.md instantiate from bytes at run time,
;; linked to demo.wasm's add and memory (or to another instance of itself).
(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "memory" (memory 1))
  ;; add(x, x), through the import
  (func (export "twice") (param i32) (result i32)
    (call $add (local.get 0) (local.get 0)))
  ;; the import itself, for another instance to link to
  (func (export "sum") (param i32 i32) (result i32)
    (call $add (local.get 0) (local.get 1)))
  ;; a byte of the shared memory
  (func (export "peek") (param i32) (result i32)
    (i32.load8_u (local.get 0))))
