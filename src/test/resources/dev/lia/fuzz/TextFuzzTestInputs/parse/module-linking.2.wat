0(module
  (import "spectest" "print_i32" (func $f (param i32)))
  (export "print" (func $f))
)
