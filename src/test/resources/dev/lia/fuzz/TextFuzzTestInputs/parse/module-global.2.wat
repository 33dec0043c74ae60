0(module
  (import "spectest" "global_i32" (global i32))
)
