0(module
  (func(nop))
)
