package dev.lia.wasm.debug;

import dev.lia.wasm.spec.ValueText;
import dev.lia.wasm.syntax.ValType;

/**
 * A typed value as a debugger shows it: raw bits and their type (null when validation cannot tell, in dead
 * code); a v128 has its low 64 bits in {@code bits} and its high 64 bits in {@code high} (0 otherwise).
 */
public record DebugValue(ValType type, long bits, long high) {
    public DebugValue(ValType type, long bits) {
        this(type, bits, 0);
    }

    /** The value as text: integers in signed decimal, floats exactly, references as {@code null} or {@code ref.func N}, v128 as i32x4 lanes. */
    public String text() {
        if (type == ValType.V128) return ValueText.formatV128(bits, high);
        return type == null ? "0x" + Long.toHexString(bits) : ValueText.format(bits, type);
    }

    /** {@code i32:42}. */
    @Override
    public String toString() {
        return (type == null ? "?" : type.text) + ":" + text();
    }
}
