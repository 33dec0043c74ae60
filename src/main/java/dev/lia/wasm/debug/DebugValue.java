package dev.lia.wasm.debug;

import dev.lia.wasm.spec.ValueText;
import dev.lia.wasm.syntax.ValType;

/** A typed value as a debugger shows it: raw bits and their type (null when validation cannot tell, in dead code). */
public record DebugValue(ValType type, long bits) {
    /** The value as text: integers in signed decimal, floats exactly, references as {@code null} or {@code ref.func N}. */
    public String text() {
        return type == null ? "0x" + Long.toHexString(bits) : ValueText.format(bits, type);
    }

    /** {@code i32:42}. */
    @Override
    public String toString() {
        return (type == null ? "?" : type.text) + ":" + text();
    }
}
