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

    /** The heap type of {@code ref.null}: a reference type's code, or {@code exn} (0x74) for exnref. */
    static ValType heapType(ByteReader r) {
        if (r.peek() == ValType.EXN_HEAP_TYPE) {
            r.u8();
            return ValType.EXNREF;
        }
        return refType(r);
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

    static TableType tableType(ByteReader r) {
        ValType elemType = refType(r);
        int flags = limitsFlags(r);
        boolean is64 = (flags & 0x04) != 0;
        return new TableType(elemType, limits(r, flags, true), is64);
    }

    /** SizeRange flags (3.0): bit 0 a maximum follows, bit 2 i64 addresses; nothing else (shared memories are not 3.0). */
    private static int limitsFlags(ByteReader r) {
        int at = r.pos();
        int flags = r.u8();
        if ((flags & ~0x05) != 0) throw malformed("malformed limits flags", at);
        return flags;
    }

    /** SizeRange after their flags: u64 values (3.0; the validator holds them to the address type's range), u32 if not {@code wide}. */
    private static SizeRange limits(ByteReader r, int flags, boolean is64) {
        long min = is64 ? r.u64() : r.u32();
        long max = (flags & 0x01) == 0 ? SizeRange.NO_MAX : is64 ? r.u64() : r.u32();
        return new SizeRange(min, max);
    }

    static MemoryType memoryType(ByteReader r) {
        int flags = limitsFlags(r);
        return new MemoryType(limits(r, flags, true), (flags & 0x04) != 0);
    }

    static GlobalType globalType(ByteReader r) {
        ValType type = valType(r);
        int at = r.pos();
        int mutability = r.u8();
        if (mutability > 1) throw malformed("malformed mutability", at);
        return new GlobalType(type, mutability == 1);
    }
}
