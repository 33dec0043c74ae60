0(module
  (memory 1)
  (data "foo"))
