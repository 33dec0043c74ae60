0(module (memory 1))
