0(module (func (i64.const 0_123_456_789) drop))
