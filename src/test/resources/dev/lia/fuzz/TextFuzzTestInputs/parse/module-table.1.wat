0(module (table 1 funcref))
