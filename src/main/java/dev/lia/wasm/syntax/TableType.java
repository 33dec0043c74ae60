package dev.lia.wasm.syntax;

/**
 * A table's element reference type, limits and index type: i32, or i64 when {@code is64} (3.0 table64);
 * {@code init}, when not null, is the constant expression every element starts out as (3.0).
 */
public record TableType(ValType elemType, SizeRange limits, boolean is64, Expr init) {
    /** A table with i32 indices. */
    public TableType(ValType elemType, SizeRange limits) {
        this(elemType, limits, false);
    }

    /** A table whose elements start out null (no initializer expression). */
    public TableType(ValType elemType, SizeRange limits, boolean is64) {
        this(elemType, limits, is64, null);
    }

    /** The same table type with an initializer for its elements (3.0; {@code init} null: none). */
    public TableType withInit(Expr init) {
        return new TableType(elemType, limits, is64, init);
    }

    /** The value type of indices and sizes: i32 or i64. */
    public ValType indexType() {
        return is64 ? ValType.I64 : ValType.I32;
    }
}
