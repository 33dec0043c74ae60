package dev.lia.wasm.exec;

/** The trapping float-to-int truncations and the int/float conversions, by internal opcode. */
final class Conversions {
    private Conversions() {}

    /** Applies conversion {@code op} (a WebAssembly opcode 0xA8..0xBB) to a slot value. */
    static long apply(int op, long v) {
        int i = (int) v;
        switch (op) {
            case 0xA8: return Numerics.i32TruncF32S(i);
            case 0xA9: return Numerics.i32TruncF32U(i);
            case 0xAA: return Numerics.i32TruncF64S(v);
            case 0xAB: return Numerics.i32TruncF64U(v);
            case 0xAE: return Numerics.i64TruncF32S(i);
            case 0xAF: return Numerics.i64TruncF32U(i);
            case 0xB0: return Numerics.i64TruncF64S(v);
            case 0xB1: return Numerics.i64TruncF64U(v);
            case 0xB2: return Numerics.f32ConvertI32S(i);
            case 0xB3: return Numerics.f32ConvertI32U(i);
            case 0xB4: return Numerics.f32ConvertI64S(v);
            case 0xB5: return Numerics.f32ConvertI64U(v);
            case 0xB6: return Numerics.f32DemoteF64(v);
            case 0xB7: return Numerics.f64ConvertI32S(i);
            case 0xB8: return Numerics.f64ConvertI32U(i);
            case 0xB9: return Numerics.f64ConvertI64S(v);
            case 0xBA: return Numerics.f64ConvertI64U(v);
            case 0xBB: return Numerics.f64PromoteF32(i);
            default: throw new IllegalStateException("not a conversion: " + op);
        }
    }

    /** The saturating truncations, 0xFC 0..7. */
    static long saturating(int sub, long v) {
        int i = (int) v;
        switch (sub) {
            case 0: return Numerics.i32TruncSatF32S(i);
            case 1: return Numerics.i32TruncSatF32U(i);
            case 2: return Numerics.i32TruncSatF64S(v);
            case 3: return Numerics.i32TruncSatF64U(v);
            case 4: return Numerics.i64TruncSatF32S(i);
            case 5: return Numerics.i64TruncSatF32U(i);
            case 6: return Numerics.i64TruncSatF64S(v);
            case 7: return Numerics.i64TruncSatF64U(v);
            default: throw new IllegalStateException("not a saturating truncation: " + sub);
        }
    }
}
