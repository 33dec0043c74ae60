(module (memory 0))
