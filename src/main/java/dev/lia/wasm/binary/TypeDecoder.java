package dev.lia.wasm.binary;

import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import static dev.lia.wasm.binary.ByteReader.malformed;

/** Decodes the type encodings: value, reference, function, table, memory and global types, and limits. */
final class TypeDecoder {
    private static final int FUNC_TYPE_TAG = 0x60;

    private TypeDecoder() {}

    static ValType valType(ByteReader r) {
        int at = r.pos();
        ValType t = ValType.fromCode(r.s7Byte());
        if (t == null) throw malformed("malformed value type", at);
        return t;
    }

    static ValType refType(ByteReader r) {
        int at = r.pos();
        ValType t = ValType.fromCode(r.s7Byte());
        if (t == null || !t.isRef()) throw malformed("malformed reference type", at);
        return t;
    }

    static ValType[] resultType(ByteReader r) {
        ValType[] types = new ValType[r.length()];
        for (int i = 0; i < types.length; i++) types[i] = valType(r);
        return types;
    }

    static FuncType funcType(ByteReader r) {
        int at = r.pos();
        if (r.s7Byte() != FUNC_TYPE_TAG) throw malformed("malformed function type", at);
        ValType[] params = resultType(r);
        return FuncType.of(params, resultType(r));
    }

    /** Limits (a SizeRange): a one-bit flag LEB ("has maximum"), the minimum and the optional maximum, all u32. */
    static SizeRange limits(ByteReader r) {
        boolean hasMax = r.unsigned(1) == 1;
        long min = r.u32();
        long max = hasMax ? r.u32() : SizeRange.NO_MAX;
        return new SizeRange(min, max);
    }

    static TableType tableType(ByteReader r) {
        ValType elemType = refType(r);
        return new TableType(elemType, limits(r));
    }

    static MemoryType memoryType(ByteReader r) {
        return new MemoryType(limits(r));
    }

    static GlobalType globalType(ByteReader r) {
        ValType type = valType(r);
        int at = r.pos();
        int mutability = r.u8();
        if (mutability > 1) throw malformed("malformed mutability", at);
        return new GlobalType(type, mutability == 1);
    }
}
