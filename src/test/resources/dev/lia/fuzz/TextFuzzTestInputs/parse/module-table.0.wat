0(module (table 0 funcref))
