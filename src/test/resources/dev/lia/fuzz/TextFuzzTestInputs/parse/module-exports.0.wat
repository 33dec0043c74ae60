0(module (func) (export "a" (func 0)))
