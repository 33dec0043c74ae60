package dev.lia.wasm.syntax;

import java.util.List;

/**
 * Block types as the binary format encodes them (an s33): {@link #EMPTY}, a single value type
 * ({@code -128 + code}, i.e. the sign-extended type byte), or a non-negative type index.
 */
public final class BlockType {
    public static final long EMPTY = -64; // 0x40 as a signed 7-bit value

    private BlockType() {}

    /** A value type as a block type: its one-byte code as an s33, or minus its {@link ValType#id} (below -2^30). */
    public static long of(ValType t) {
        int id = t.id();
        return id < 0x80 ? id - 128 : -(long) id;
    }

    public static boolean isTypeIndex(long blockType) {
        return blockType >= 0;
    }

    /** The single result type of a value-typed block type, or null for EMPTY. */
    public static ValType valType(long blockType) {
        if (blockType == EMPTY) return null;
        return blockType >= -128 ? ValType.fromCode((int) (blockType + 128)) : ValType.fromId((int) -blockType);
    }

    /** Parameter types of a block type, given the module's types. */
    public static List<ValType> params(long blockType, List<FuncType> types) {
        return blockType >= 0 ? types.get((int) blockType).params() : List.of();
    }

    /** Result types of a block type, given the module's types. */
    public static List<ValType> results(long blockType, List<FuncType> types) {
        if (blockType >= 0) return types.get((int) blockType).results();
        ValType t = valType(blockType);
        return t == null ? List.of() : List.of(t);
    }
}
