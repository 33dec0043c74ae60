package dev.lia.wasm.debug;

import dev.lia.wasm.syntax.ValType;

/**
 * A typed value as a debugger shows it: raw bits and their type (null when validation cannot tell, in dead
 * code); a v128 has its low 64 bits in {@code bits} and its high 64 bits in {@code high} (0 otherwise).
 */
public record DebugValue(ValType type, long bits, long high) {
    public DebugValue(ValType type, long bits) {
        this(type, bits, 0);
    }

    /** {@code i32:0x2a}: raw bits; people read values through the CLI's text form (ValueText). */
    @Override
    public String toString() {
        return (type == null ? "?" : type.text) + ":0x" + Long.toHexString(bits) + (type == ValType.V128 ? ":0x" + Long.toHexString(high) : "");
    }
}
