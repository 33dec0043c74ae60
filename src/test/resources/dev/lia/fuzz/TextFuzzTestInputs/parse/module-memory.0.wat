0(module (memory 0))
