(module
  (func (nop)nop)
)
