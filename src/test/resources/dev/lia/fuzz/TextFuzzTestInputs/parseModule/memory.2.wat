(module (memory 0 0))
