package dev.lia.state;

import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.FieldType;
import dev.lia.wasm.syntax.StructType;
import dev.lia.wasm.syntax.ValType;

import java.util.List;

/**
 * A GC object's fields as the state holds them: each by its storage type, little-endian (i8 1 byte, i16 2,
 * i32 and f32 4, i64 and f64 8, v128 16, a reference 8). Every byte string of the right length is a value
 * (packed fields are kept zero-extended, 32-bit ones sign-extended in their slots), so the form is canonical
 * as long as the references are. Live objects hold one slot per field, two for a v128 (low half first).
 */
final class ObjectFields {
    private ObjectFields() {}

    /** Rewrites a reference of a field type into the state's numbering (or back). */
    @FunctionalInterface
    interface Refs {
        long map(ValType type, long ref);
    }

    /** The field types in slot order: a struct's fields, or an array's element {@code length} times (implicitly). */
    static List<FieldType> fields(CompType c) {
        return c instanceof StructType s ? s.fields() : List.of(((ArrayType) c).element());
    }

    static int byteSize(FieldType f) {
        if (f.packed() != 0) return f.packed() / 8;
        if (f.type().isRef()) return 8;
        return switch (f.type().kind) {
            case I32, F32 -> 4;
            case V128 -> 16;
            default -> 8;
        };
    }

    static int slotSize(FieldType f) {
        return f.type() == ValType.V128 && f.packed() == 0 ? 2 : 1;
    }

    /** The number of bytes the fields of an object of {@code c} take ({@code length} elements for an array). */
    static long byteLength(CompType c, int length) {
        if (c instanceof ArrayType a) return (long) byteSize(a.element()) * length;
        long n = 0;
        for (FieldType f : ((StructType) c).fields()) n += byteSize(f);
        return n;
    }

    /** The number of slots the live object takes. */
    static long slotLength(CompType c, int length) {
        if (c instanceof ArrayType a) return (long) slotSize(a.element()) * length;
        long n = 0;
        for (FieldType f : ((StructType) c).fields()) n += slotSize(f);
        return n;
    }

    static byte[] encode(CompType c, long[] slots, int length, Refs refs) {
        byte[] out = new byte[(int) byteLength(c, length)];
        int at = 0, slot = 0;
        int count = c instanceof ArrayType ? length : ((StructType) c).fields().size();
        for (int i = 0; i < count; i++) {
            FieldType f = c instanceof ArrayType a ? a.element() : ((StructType) c).fields().get(i);
            int size = byteSize(f);
            if (size == 16) {
                put(out, at, slots[slot], 8);
                put(out, at + 8, slots[slot + 1], 8);
            } else {
                long v = f.type().isRef() && f.packed() == 0 ? refs.map(f.type(), slots[slot]) : slots[slot];
                put(out, at, v, size);
            }
            at += size;
            slot += slotSize(f);
        }
        return out;
    }

    /** The live slots of fields encoded by {@link #encode}; {@code bytes} must have {@link #byteLength}. */
    static long[] decode(CompType c, byte[] bytes, int length, Refs refs) {
        long[] slots = new long[(int) slotLength(c, length)];
        int at = 0, slot = 0;
        int count = c instanceof ArrayType ? length : ((StructType) c).fields().size();
        for (int i = 0; i < count; i++) {
            FieldType f = c instanceof ArrayType a ? a.element() : ((StructType) c).fields().get(i);
            int size = byteSize(f);
            if (size == 16) {
                slots[slot] = get(bytes, at, 8);
                slots[slot + 1] = get(bytes, at + 8, 8);
            } else {
                long v = get(bytes, at, size);
                if (size == 4) v = (int) v; // 32-bit values sit sign-extended in slots
                slots[slot] = f.type().isRef() && f.packed() == 0 ? refs.map(f.type(), v) : v;
            }
            at += size;
            slot += slotSize(f);
        }
        return slots;
    }

    private static void put(byte[] b, int at, long v, int size) {
        for (int k = 0; k < size; k++) b[at + k] = (byte) (v >>> (8 * k));
    }

    private static long get(byte[] b, int at, int size) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) v = (v << 8) | (b[at + k] & 0xFF);
        return v;
    }
}
