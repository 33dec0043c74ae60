0(module (global (export "a") (mut f32) (f32.const 0)))
