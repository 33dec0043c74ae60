(module (table 1 funcref))
