package dev.lia.script.syntax;

import dev.lia.wasm.syntax.ValType;

/**
 * The types of Lia values: the four wasm number types, v128 (16 bytes, read through lane shapes) and
 * octs, a byte string; and the type of
 * variables holding a module instance the script instantiated, which is no value: such a variable
 * is only assigned by {@code instantiate(...)} and used by calling its exports.
 */
public enum Type {
    I32("i32"), I64("i64"), F32("f32"), F64("f64"), OCTS("octs"), INSTANCE("instance"), V128("v128");

    public final String text;

    Type(String text) {
        this.text = text;
    }

    public boolean isInt() {
        return this == I32 || this == I64;
    }

    public boolean isFloat() {
        return this == F32 || this == F64;
    }

    public boolean isNumber() {
        return isInt() || isFloat();
    }

    /** Byte width of a number type (0 for the others). */
    public int width() {
        return this == I32 || this == F32 ? 4 : isNumber() ? 8 : 0;
    }

    /** The Lia type of a wasm value type, or null when Lia has none (references). */
    public static Type of(ValType t) {
        return switch (t) {
            case I32 -> I32;
            case I64 -> I64;
            case F32 -> F32;
            case F64 -> F64;
            case V128 -> V128;
            default -> null;
        };
    }

    /** The wasm value type of a Lia value type, or null (octs, instance). */
    public ValType valType() {
        return switch (this) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            case V128 -> ValType.V128;
            default -> null;
        };
    }

    public static Type byName(String text) {
        for (Type t : values()) if (t.text.equals(text)) return t;
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
