package dev.lia.script.vm;

import dev.lia.script.compile.Code;
import dev.lia.wasm.exec.Numerics;

/**
 * Numeric operations on raw bits with wasm's semantics (the engine's {@link Numerics} for floats,
 * division and conversions, so scripts compute exactly what wasm computes). 32-bit results are
 * sign-extended. Division by zero and the like throw the engine's {@code Trap}.
 */
final class Arithmetic {
    private Arithmetic() {}

    static boolean isBinary(Code c) {
        String m = c.mnemonic;
        if (!(m.startsWith("i32.") || m.startsWith("i64.") || m.startsWith("f32.") || m.startsWith("f64."))) return false;
        return !(c == Code.I32_EQZ || c == Code.I64_EQZ || c == Code.F32_NEG || c == Code.F64_NEG
                || m.contains("const") || isConversion(c));
    }

    static boolean isUnary(Code c) {
        return c == Code.I32_EQZ || c == Code.I64_EQZ || c == Code.F32_NEG || c == Code.F64_NEG || isConversion(c);
    }

    private static boolean isConversion(Code c) {
        return c.ordinal() >= Code.I32_WRAP_I64.ordinal() && c.ordinal() <= Code.F64_PROMOTE_F32.ordinal();
    }

    static long binary(Code c, long a, long b) {
        int x = (int) a;
        int y = (int) b;
        return switch (c) {
            case I32_ADD -> x + y;
            case I32_SUB -> x - y;
            case I32_MUL -> x * y;
            case I32_DIV_S -> Numerics.i32DivS(x, y);
            case I32_DIV_U -> Numerics.i32DivU(x, y);
            case I32_REM_S -> Numerics.i32RemS(x, y);
            case I32_REM_U -> Numerics.i32RemU(x, y);
            case I32_AND -> x & y;
            case I32_OR -> x | y;
            case I32_XOR -> x ^ y;
            case I32_SHL -> x << y;
            case I32_SHR_S -> x >> y;
            case I32_SHR_U -> x >>> y;
            case I32_EQ -> bool(x == y);
            case I32_NE -> bool(x != y);
            case I32_LT_S -> bool(x < y);
            case I32_LT_U -> bool(Integer.compareUnsigned(x, y) < 0);
            case I32_LE_S -> bool(x <= y);
            case I32_LE_U -> bool(Integer.compareUnsigned(x, y) <= 0);
            case I32_GT_S -> bool(x > y);
            case I32_GT_U -> bool(Integer.compareUnsigned(x, y) > 0);
            case I32_GE_S -> bool(x >= y);
            case I32_GE_U -> bool(Integer.compareUnsigned(x, y) >= 0);
            case I64_ADD -> a + b;
            case I64_SUB -> a - b;
            case I64_MUL -> a * b;
            case I64_DIV_S -> Numerics.i64DivS(a, b);
            case I64_DIV_U -> Numerics.i64DivU(a, b);
            case I64_REM_S -> Numerics.i64RemS(a, b);
            case I64_REM_U -> Numerics.i64RemU(a, b);
            case I64_AND -> a & b;
            case I64_OR -> a | b;
            case I64_XOR -> a ^ b;
            case I64_SHL -> a << b;
            case I64_SHR_S -> a >> b;
            case I64_SHR_U -> a >>> b;
            case I64_EQ -> bool(a == b);
            case I64_NE -> bool(a != b);
            case I64_LT_S -> bool(a < b);
            case I64_LT_U -> bool(Long.compareUnsigned(a, b) < 0);
            case I64_LE_S -> bool(a <= b);
            case I64_LE_U -> bool(Long.compareUnsigned(a, b) <= 0);
            case I64_GT_S -> bool(a > b);
            case I64_GT_U -> bool(Long.compareUnsigned(a, b) > 0);
            case I64_GE_S -> bool(a >= b);
            case I64_GE_U -> bool(Long.compareUnsigned(a, b) >= 0);
            case F32_ADD -> Numerics.f32Add(x, y);
            case F32_SUB -> Numerics.f32Sub(x, y);
            case F32_MUL -> Numerics.f32Mul(x, y);
            case F32_DIV -> Numerics.f32Div(x, y);
            case F32_EQ -> bool(f32(x) == f32(y));
            case F32_NE -> bool(f32(x) != f32(y));
            case F32_LT -> bool(f32(x) < f32(y));
            case F32_LE -> bool(f32(x) <= f32(y));
            case F32_GT -> bool(f32(x) > f32(y));
            case F32_GE -> bool(f32(x) >= f32(y));
            case F64_ADD -> Numerics.f64Add(a, b);
            case F64_SUB -> Numerics.f64Sub(a, b);
            case F64_MUL -> Numerics.f64Mul(a, b);
            case F64_DIV -> Numerics.f64Div(a, b);
            case F64_EQ -> bool(f64(a) == f64(b));
            case F64_NE -> bool(f64(a) != f64(b));
            case F64_LT -> bool(f64(a) < f64(b));
            case F64_LE -> bool(f64(a) <= f64(b));
            case F64_GT -> bool(f64(a) > f64(b));
            case F64_GE -> bool(f64(a) >= f64(b));
            default -> throw new IllegalArgumentException("not a binary operation: " + c.mnemonic);
        };
    }

    static long unary(Code c, long a) {
        int x = (int) a;
        return switch (c) {
            case I32_EQZ -> bool(x == 0);
            case I64_EQZ -> bool(a == 0);
            case F32_NEG -> Numerics.f32Neg(x);
            case F64_NEG -> Numerics.f64Neg(a);
            case I32_WRAP_I64 -> (int) a;
            case I64_EXTEND_I32_S -> x;
            case I64_EXTEND_I32_U -> x & 0xFFFFFFFFL;
            case I32_TRUNC_F32_S -> Numerics.i32TruncF32S(x);
            case I32_TRUNC_F32_U -> Numerics.i32TruncF32U(x);
            case I32_TRUNC_F64_S -> Numerics.i32TruncF64S(a);
            case I32_TRUNC_F64_U -> Numerics.i32TruncF64U(a);
            case I64_TRUNC_F32_S -> Numerics.i64TruncF32S(x);
            case I64_TRUNC_F32_U -> Numerics.i64TruncF32U(x);
            case I64_TRUNC_F64_S -> Numerics.i64TruncF64S(a);
            case I64_TRUNC_F64_U -> Numerics.i64TruncF64U(a);
            case F32_CONVERT_I32_S -> Numerics.f32ConvertI32S(x);
            case F32_CONVERT_I64_S -> Numerics.f32ConvertI64S(a);
            case F64_CONVERT_I32_S -> Numerics.f64ConvertI32S(x);
            case F64_CONVERT_I64_S -> Numerics.f64ConvertI64S(a);
            case F32_DEMOTE_F64 -> Numerics.f32DemoteF64(a);
            case F64_PROMOTE_F32 -> Numerics.f64PromoteF32(x);
            default -> throw new IllegalArgumentException("not a unary operation: " + c.mnemonic);
        };
    }

    private static long bool(boolean b) {
        return b ? 1 : 0;
    }

    private static float f32(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }
}
