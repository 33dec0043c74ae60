0(module (global (mut f32) (f32.const 0)) (export "a" (global 0)))
