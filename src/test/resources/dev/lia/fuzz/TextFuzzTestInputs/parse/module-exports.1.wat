0(module (func) (export "a" (func 0)) (export "b" (func 0)))
