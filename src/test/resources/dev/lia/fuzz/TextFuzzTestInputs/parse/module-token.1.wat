0(module
  (func (nop)nop)
)
