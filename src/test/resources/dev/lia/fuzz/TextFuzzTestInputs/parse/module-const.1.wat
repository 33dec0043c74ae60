0(module (func (i32.const 0x0_9acf_fBDF) drop))
