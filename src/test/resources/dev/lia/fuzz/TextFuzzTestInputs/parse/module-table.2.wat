0(module (table 0 0 funcref))
