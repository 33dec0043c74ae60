0(module (func) (func) (export "a" (func 0)) (export "b" (func 1)))
