0(module (memory 0) (func (drop (i32.load16_s align=2 (i32.const 0)))))
