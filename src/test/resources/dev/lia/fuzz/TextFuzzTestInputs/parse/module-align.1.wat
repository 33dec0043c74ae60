0(module (memory 0) (func (drop (i32.load8_u align=1 (i32.const 0)))))
