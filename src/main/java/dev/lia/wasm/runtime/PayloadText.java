package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ValType;

import java.util.List;

/**
 * An exception's payload in messages, {@code 7 : i32, 2.5 : f64}: integers in decimal, finite floats
 * as Java prints them ({@code text.Numbers}, which prints them as commands do, is a layer above the
 * runtime), NaNs and infinities as the text format names them, a v128 as four i32 lanes, a reference
 * as {@code null}, {@code ref.i31 N} or {@code a reference}.
 */
final class PayloadText {
    private PayloadText() {}

    static String format(List<ValType> types, long[] slots) {
        StringBuilder sb = new StringBuilder();
        int slot = 0;
        for (ValType t : types) {
            if (slot + t.slots() > slots.length) break; // a payload shorter than its type: show what there is
            if (sb.length() > 0) sb.append(", ");
            sb.append(value(t, slots, slot)).append(" : ").append(t);
            slot += t.slots();
        }
        return sb.toString();
    }

    private static String value(ValType t, long[] slots, int slot) {
        long bits = slots[slot];
        switch (t.kind) {
            case I32: return Integer.toString((int) bits);
            case I64: return Long.toString(bits);
            case F32: return real(Float.intBitsToFloat((int) bits), (int) bits < 0, Float.toString(Float.intBitsToFloat((int) bits)));
            case F64: return real(Double.longBitsToDouble(bits), bits < 0, Double.toString(Double.longBitsToDouble(bits)));
            case V128: {
                long hi = slots[slot + 1];
                return "i32x4 " + (int) bits + " " + (int) (bits >>> 32) + " " + (int) hi + " " + (int) (hi >>> 32);
            }
            default:
                if (bits == Ref.NULL) return "null";
                if (Ref.isI31(bits)) return "ref.i31 " + Ref.i31Value(bits, false);
                return "a reference";
        }
    }

    private static String real(double value, boolean negative, String java) {
        if (Double.isNaN(value)) return negative ? "-nan" : "nan";
        if (Double.isInfinite(value)) return negative ? "-inf" : "inf";
        return java;
    }
}
