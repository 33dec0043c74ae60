(module
  (func nop(nop))
)
