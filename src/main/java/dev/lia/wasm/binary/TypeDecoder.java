package dev.lia.wasm.binary;


import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.FieldType;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.StructType;
import dev.lia.wasm.syntax.SubType;
import dev.lia.wasm.syntax.TypeSection;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;

import static dev.lia.wasm.binary.ByteReader.malformed;

/** Decodes the type encodings: value, reference, function, table, memory and global types, and limits. */
final class TypeDecoder {
    private static final int FUNC_TYPE_TAG = 0x60;
    private static final int STRUCT_TAG = 0x5F;
    private static final int ARRAY_TAG = 0x5E;
    private static final int REC = 0x4E;
    private static final int SUB = 0x50;
    private static final int SUB_FINAL = 0x4F;

    private TypeDecoder() {}

    static ValType valType(ByteReader r) {
        int at = r.pos();
        ValType t = valTypeOrNull(r);
        if (t == null) throw malformed("malformed value type", at);
        return t;
    }

    /** A value type (3.0: {@code 0x63 ht} and {@code 0x64 ht} for the general reference types), or null. */
    private static ValType valTypeOrNull(ByteReader r) {
        int b = r.s7Byte();
        if (b == 0x63 || b == 0x64) return ValType.ref(b == 0x63, heapType(r));
        return ValType.fromCode(b);
    }

    static ValType refType(ByteReader r) {
        int at = r.pos();
        ValType t = valTypeOrNull(r);
        if (t == null || !t.isRef()) throw malformed("malformed reference type", at);
        return t;
    }

    /** A heap type (an s33): abstract ones are negative single bytes, concrete ones a type index. */
    static int heapType(ByteReader r) {
        int at = r.pos();
        long h = r.s33();
        if (h < 0) {
            if (h < -128 || !ValType.isAbstractHeap((int) h)) throw malformed("malformed reference type", at);
            return (int) h;
        }
        return (int) Math.min(h, Integer.MAX_VALUE);
    }

    static ValType[] resultType(ByteReader r) {
        ValType[] types = new ValType[r.length()];
        for (int i = 0; i < types.length; i++) types[i] = valType(r);
        return types;
    }

    /** The type section's entries: a {@code rec} group (0x4E) or a single subtype, which is a group of one. */
    static TypeSection typeSection(ByteReader r) {
        List<SubType> types = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int n = r.length();
        for (int i = 0; i < n; i++) {
            if (r.peek() == REC) {
                r.u8();
                int m = r.length();
                for (int k = 0; k < m; k++) types.add(subType(r));
                sizes.add(m);
            } else {
                types.add(subType(r));
                sizes.add(1);
            }
        }
        return new TypeSection(types, sizes);
    }

    private static SubType subType(ByteReader r) {
        int b = r.peek();
        if (b == SUB || b == SUB_FINAL) {
            r.u8();
            List<Integer> supers = new ArrayList<>();
            int n = r.length();
            for (int i = 0; i < n; i++) supers.add(r.index());
            return new SubType(b == SUB_FINAL, supers, compType(r));
        }
        return SubType.plain(compType(r));
    }

    private static CompType compType(ByteReader r) {
        int at = r.pos();
        int tag = r.s7Byte();
        switch (tag) {
            case FUNC_TYPE_TAG: {
                ValType[] params = resultType(r);
                return FuncType.of(params, resultType(r));
            }
            case STRUCT_TAG: {
                List<FieldType> fields = new ArrayList<>();
                int n = r.length();
                for (int i = 0; i < n; i++) fields.add(fieldType(r));
                return new StructType(fields);
            }
            case ARRAY_TAG: return new ArrayType(fieldType(r));
            default: throw malformed("malformed function type", at);
        }
    }

    private static FieldType fieldType(ByteReader r) {
        int at = r.pos();
        int b = r.peek();
        FieldType f;
        ValType t;
        int packed = 0;
        if (b == FieldType.I8 || b == FieldType.I16) {
            r.u8();
            packed = b == FieldType.I8 ? 8 : 16;
            t = ValType.I32;
        } else {
            t = valType(r);
        }
        int m = r.u8();
        if (m > 1) throw malformed("malformed mutability", at);
        return new FieldType(t, packed, m == 1);
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
