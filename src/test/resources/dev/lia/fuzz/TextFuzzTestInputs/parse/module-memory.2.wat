0(module (memory 0 0))
