package dev.lia.wasm.syntax;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A WebAssembly value type: a number, a vector, or a reference type (3.0: nullability plus a heap type).
 *
 * <p>Instances are interned, so {@code ==} is equality: the number and vector types are constants, and
 * {@link #ref} hands out one object per (nullability, heap type). A heap type is an int: an abstract
 * heap type is negative, the s33 value of its byte ({@link #FUNC}, {@link #ANY}, ...); a concrete one
 * is a type index of the module the type appears in (so two modules' {@code (ref 0)} are the same
 * object but not necessarily the same type: comparing across modules goes through canonical types).
 */
public final class ValType {
    /** What a value type is, for switches. */
    public enum Kind { I32, I64, F32, F64, V128, REF }

    // abstract heap types: the s33 value of their byte
    public static final int FUNC = 0x70 - 128;
    public static final int EXTERN = 0x6F - 128;
    public static final int ANY = 0x6E - 128;
    public static final int EQ = 0x6D - 128;
    public static final int I31 = 0x6C - 128;
    public static final int STRUCT = 0x6B - 128;
    public static final int ARRAY = 0x6A - 128;
    public static final int NONE = 0x71 - 128;
    public static final int NOEXTERN = 0x72 - 128;
    public static final int NOFUNC = 0x73 - 128;
    public static final int EXN = 0x69 - 128;
    public static final int NOEXN = 0x74 - 128;

    public static final ValType I32 = new ValType(Kind.I32, 0x7F, "i32", false, 0);
    public static final ValType I64 = new ValType(Kind.I64, 0x7E, "i64", false, 0);
    public static final ValType F32 = new ValType(Kind.F32, 0x7D, "f32", false, 0);
    public static final ValType F64 = new ValType(Kind.F64, 0x7C, "f64", false, 0);
    public static final ValType V128 = new ValType(Kind.V128, 0x7B, "v128", false, 0);

    private static final ConcurrentHashMap<Long, ValType> REFS = new ConcurrentHashMap<>();

    public static final ValType FUNCREF = ref(true, FUNC);
    public static final ValType EXTERNREF = ref(true, EXTERN);
    /** A reference to an exception (3.0 exception handling). */
    public static final ValType EXNREF = ref(true, EXN);
    public static final ValType ANYREF = ref(true, ANY);
    public static final ValType EQREF = ref(true, EQ);
    public static final ValType I31REF = ref(true, I31);
    public static final ValType STRUCTREF = ref(true, STRUCT);
    public static final ValType ARRAYREF = ref(true, ARRAY);
    public static final ValType NULLREF = ref(true, NONE);
    public static final ValType NULLFUNCREF = ref(true, NOFUNC);
    public static final ValType NULLEXTERNREF = ref(true, NOEXTERN);
    public static final ValType NULLEXNREF = ref(true, NOEXN);

    public final Kind kind;
    /**
     * The one-byte binary code: numbers, v128, and nullable abstract references (the short forms such as
     * {@code funcref}); other references have none and carry 0x63 ({@code ref null ht}) or 0x64 ({@code ref ht}).
     */
    public final int code;
    public final String text;
    /** References: whether null is a value of the type. */
    public final boolean nullable;
    /** References: the heap type (negative abstract, else a type index); 0 for others. */
    public final int heap;

    private ValType(Kind kind, int code, String text, boolean nullable, int heap) {
        this.kind = kind;
        this.code = code;
        this.text = text;
        this.nullable = nullable;
        this.heap = heap;
    }

    /** The reference type {@code (ref null? heap)}. */
    public static ValType ref(boolean nullable, int heap) {
        long key = ((long) heap << 1) | (nullable ? 1 : 0);
        ValType t = REFS.get(key);
        if (t != null) return t;
        return REFS.computeIfAbsent(key, k -> {
            boolean abs = heap < 0;
            int code = abs && nullable ? heap + 128 : nullable ? 0x63 : 0x64;
            String text = abs && nullable ? shortName(heap) : "(ref " + (nullable ? "null " : "") + heapText(heap) + ")";
            return new ValType(Kind.REF, code, text, nullable, heap);
        });
    }

    /** The text name of a heap type ({@code func}, {@code any}, ... or the index). */
    public static String heapText(int heap) {
        return switch (heap) {
            case FUNC -> "func";
            case EXTERN -> "extern";
            case ANY -> "any";
            case EQ -> "eq";
            case I31 -> "i31";
            case STRUCT -> "struct";
            case ARRAY -> "array";
            case NONE -> "none";
            case NOEXTERN -> "noextern";
            case NOFUNC -> "nofunc";
            case EXN -> "exn";
            case NOEXN -> "noexn";
            default -> Integer.toString(heap);
        };
    }

    /** The heap type an abstract heap type's text names, or null. */
    public static Integer abstractHeap(String word) {
        return switch (word) {
            case "func" -> FUNC;
            case "extern" -> EXTERN;
            case "any" -> ANY;
            case "eq" -> EQ;
            case "i31" -> I31;
            case "struct" -> STRUCT;
            case "array" -> ARRAY;
            case "none" -> NONE;
            case "noextern" -> NOEXTERN;
            case "nofunc" -> NOFUNC;
            case "exn" -> EXN;
            case "noexn" -> NOEXN;
            default -> null;
        };
    }

    /** Whether {@code heap} is one of the abstract heap types. */
    public static boolean isAbstractHeap(int heap) {
        return heap < 0 && abstractHeap(heapText(heap)) != null;
    }

    private static String shortName(int heap) {
        return switch (heap) {
            case NONE -> "nullref";
            case NOFUNC -> "nullfuncref";
            case NOEXTERN -> "nullexternref";
            case NOEXN -> "nullexnref";
            default -> heapText(heap) + "ref";
        };
    }

    public boolean isRef() {
        return kind == Kind.REF;
    }

    /** Whether the heap type is a type index (a concrete type) rather than abstract. */
    public boolean isConcrete() {
        return kind == Kind.REF && heap >= 0;
    }

    /** The same reference type, nullable or not. */
    public ValType withNullable(boolean n) {
        return ref(n, heap);
    }

    /** Whether a local of this type starts out with a value (3.0: non-null references do not). */
    public boolean defaultable() {
        return kind != Kind.REF || nullable;
    }

    /** Frame slots a value of this type occupies: two for v128 (low half first), else one. */
    public int slots() {
        return this == V128 ? 2 : 1;
    }

    public boolean isNum() {
        return kind == Kind.I32 || kind == Kind.I64 || kind == Kind.F32 || kind == Kind.F64;
    }

    /** The value type for a one-byte binary code, or null if the byte is not one. */
    public static ValType fromCode(int code) {
        switch (code) {
            case 0x7F: return I32;
            case 0x7E: return I64;
            case 0x7D: return F32;
            case 0x7C: return F64;
            case 0x7B: return V128;
            default:
                int heap = code - 128;
                return code >= 0x69 && code <= 0x74 && isAbstractHeap(heap) ? ref(true, heap) : null;
        }
    }

    /**
     * An int that identifies this type (within its module): the one-byte code when there is one, else
     * bit 30 set, bit 29 for nullable, and the heap type plus 256 below. {@link #fromId} inverts it.
     */
    public int id() {
        if (code != 0x63 && code != 0x64) return code;
        return 0x4000_0000 | (nullable ? 0x2000_0000 : 0) | (heap + 256);
    }

    public static ValType fromId(int id) {
        if ((id & 0x4000_0000) == 0) return fromCode(id);
        return ref((id & 0x2000_0000) != 0, (id & 0x1FFF_FFFF) - 256);
    }

    @Override
    public String toString() {
        return text;
    }
}
