0;; A string-reversing module laid out the way wasm-bindgen lays out
;;   #[wasm_bindgen] pub fn process(input: String) -> String { input.chars().rev().collect() }
;; - a shadow stack in linear memory, moved by __wbindgen_add_to_stack_pointer;
;; - strings passed as (ptr, len) of UTF-8 allocated with __wbindgen_malloc;
;; - a returned String written as (ptr, len) at a "return pointer" on the shadow stack;
;; - __wbindgen_free(ptr, len, align) releases what the host was handed.
;; Written by hand (a bump allocator; free only releases the most recent block).
(module
  (memory (export "memory") 17)
  ;; the shadow stack grows down from 1 MiB; the heap grows up from there
  (global $sp (mut i32) (i32.const 1048576))
  (global $heap (mut i32) (i32.const 1048576))

  (func $add_to_stack_pointer (export "__wbindgen_add_to_stack_pointer") (param $delta i32) (result i32)
    (global.set $sp (i32.add (global.get $sp) (local.get $delta)))
    (global.get $sp))

  (func $malloc (export "__wbindgen_malloc") (param $size i32) (param $align i32) (result i32)
    (local $p i32) (local $end i32) (local $have i32)
    (if (i32.eqz (local.get $align)) (then (local.set $align (i32.const 1))))
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $p) (local.get $size)))
    (local.set $have (i32.mul (memory.size) (i32.const 65536)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (local.get $have)) (i32.const 16))
                                          (i32.const 1)))
                    (i32.const -1))
          (then unreachable))))
    (global.set $heap (local.get $end))
    (local.get $p))

  (func $free (export "__wbindgen_free") (param $ptr i32) (param $size i32) (param $align i32)
    ;; a bump allocator can only take back its last block
    (if (i32.eq (i32.add (local.get $ptr) (local.get $size)) (global.get $heap))
      (then (global.set $heap (local.get $ptr)))))

  ;; process(retptr, ptr, len): reverses the UTF-8 text at ptr by characters, frees the input,
  ;; writes the result's (ptr, len) at retptr.
  (func $process (export "process") (param $ret i32) (param $ptr i32) (param $len i32)
    (local $out i32) (local $i i32) (local $n i32) (local $b i32)
    (local.set $out (call $malloc (local.get $len) (i32.const 1)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $b (i32.load8_u (i32.add (local.get $ptr) (local.get $i))))
        (local.set $n
          (if (result i32) (i32.lt_u (local.get $b) (i32.const 0x80)) (then (i32.const 1))
            (else (if (result i32) (i32.lt_u (local.get $b) (i32.const 0xE0)) (then (i32.const 2))
              (else (if (result i32) (i32.lt_u (local.get $b) (i32.const 0xF0)) (then (i32.const 3))
                (else (i32.const 4))))))))
        (if (i32.gt_u (i32.add (local.get $i) (local.get $n)) (local.get $len))
          (then (local.set $n (i32.sub (local.get $len) (local.get $i)))))
        (memory.copy
          (i32.add (local.get $out) (i32.sub (i32.sub (local.get $len) (local.get $i)) (local.get $n)))
          (i32.add (local.get $ptr) (local.get $i))
          (local.get $n))
        (local.set $i (i32.add (local.get $i) (local.get $n)))
        (br $next)))
    (i32.store (local.get $ret) (local.get $out))
    (i32.store offset=4 (local.get $ret) (local.get $len))))
