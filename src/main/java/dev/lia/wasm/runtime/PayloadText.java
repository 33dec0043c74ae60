package dev.lia.wasm.runtime;

import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.text.Numbers;

import java.util.List;

/**
 * An exception's payload in messages, {@code 7 : i32, 2.5 : f64}: numbers as the text format writes them
 * (floats by {@link Numbers}, the one place float text is made), a v128 as four i32 lanes, a reference
 * as {@code null}, {@code ref.i31 N} or its type.
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
            case F32: return Numbers.f32Text((int) bits);
            case F64: return Numbers.f64Text(bits);
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
}
