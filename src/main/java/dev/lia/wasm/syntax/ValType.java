package dev.lia.wasm.syntax;

/** A WebAssembly value type with its binary code. */
public enum ValType {
    I32(0x7F, "i32"),
    I64(0x7E, "i64"),
    F32(0x7D, "f32"),
    F64(0x7C, "f64"),
    V128(0x7B, "v128"),
    FUNCREF(0x70, "funcref"),
    EXTERNREF(0x6F, "externref"),
    /** A reference to an exception (3.0 exception handling); its heap type {@code exn} is 0x74. */
    EXNREF(0x69, "exnref");

    /** The heap type {@code exn}, as {@code ref.null} names it in the binary format. */
    public static final int EXN_HEAP_TYPE = 0x74;

    public final int code;
    public final String text;

    ValType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public boolean isRef() {
        return this == FUNCREF || this == EXTERNREF || this == EXNREF;
    }

    /** Frame slots a value of this type occupies: two for v128 (low half first), else one. */
    public int slots() {
        return this == V128 ? 2 : 1;
    }

    public boolean isNum() {
        return this == I32 || this == I64 || this == F32 || this == F64;
    }

    /** The value type for a binary code, or null if the byte is not one. */
    public static ValType fromCode(int code) {
        switch (code) {
            case 0x7F: return I32;
            case 0x7E: return I64;
            case 0x7D: return F32;
            case 0x7C: return F64;
            case 0x7B: return V128;
            case 0x70: return FUNCREF;
            case 0x6F: return EXTERNREF;
            case 0x69: return EXNREF;
            default: return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
