package dev.lia.wasm.syntax;

/** A table's element reference type, limits and index type: i32, or i64 when {@code is64} (3.0 table64). */
public record TableType(ValType elemType, SizeRange limits, boolean is64) {
    /** A table with i32 indices. */
    public TableType(ValType elemType, SizeRange limits) {
        this(elemType, limits, false);
    }

    /** The value type of indices and sizes: i32 or i64. */
    public ValType indexType() {
        return is64 ? ValType.I64 : ValType.I32;
    }
}
