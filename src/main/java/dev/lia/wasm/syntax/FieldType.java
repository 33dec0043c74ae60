package dev.lia.wasm.syntax;

/**
 * A struct field or array element (GC): its storage type and mutability. A packed storage type
 * ({@code i8}, {@code i16}) has {@code packed} 8 or 16 and {@code type} i32, the type it unpacks to;
 * otherwise {@code packed} is 0 and {@code type} is the value type stored.
 */
public record FieldType(ValType type, int packed, boolean mutable) {
    /** The storage type's binary code: 0x78 for i8, 0x77 for i16, else the value type's. */
    public static final int I8 = 0x78, I16 = 0x77;

    public String storageText() {
        return packed == 8 ? "i8" : packed == 16 ? "i16" : type.text;
    }
}
