package dev.lia.wasm.types;

import dev.lia.wasm.syntax.ValType;

import static dev.lia.wasm.syntax.ValType.ANY;
import static dev.lia.wasm.syntax.ValType.ARRAY;
import static dev.lia.wasm.syntax.ValType.EQ;
import static dev.lia.wasm.syntax.ValType.EXN;
import static dev.lia.wasm.syntax.ValType.EXTERN;
import static dev.lia.wasm.syntax.ValType.FUNC;
import static dev.lia.wasm.syntax.ValType.I31;
import static dev.lia.wasm.syntax.ValType.NOEXN;
import static dev.lia.wasm.syntax.ValType.NOEXTERN;
import static dev.lia.wasm.syntax.ValType.NOFUNC;
import static dev.lia.wasm.syntax.ValType.NONE;
import static dev.lia.wasm.syntax.ValType.STRUCT;

/**
 * The subtyping rules of 3.0. Concrete heap types are type indices, so each side comes with the canonical
 * types of its module ({@code ta}, {@code tb}: the same array within one module, different ones when an
 * import is matched against an export).
 */
public final class Subtyping {
    private Subtyping() {}

    /** Whether value type {@code a} (in a module with types {@code ta}) matches {@code b} (types {@code tb}). */
    public static boolean matches(ValType a, DefType[] ta, ValType b, DefType[] tb) {
        if (a == b && (!a.isConcrete() || ta == tb)) return true;
        if (!a.isRef() || !b.isRef()) return false;
        if (a.nullable && !b.nullable) return false;
        return heapMatches(a.heap, ta, b.heap, tb);
    }

    public static boolean matches(ValType a, ValType b, DefType[] types) {
        return matches(a, types, b, types);
    }

    /** Heap subtyping: {@code a <: b}. */
    public static boolean heapMatches(int a, DefType[] ta, int b, DefType[] tb) {
        if (a >= 0 && b >= 0) return ta[a].isSubtypeOf(tb[b]);
        if (a >= 0) return abstractMatches(ta[a].kind, b);
        if (b >= 0) {
            int k = tb[b].kind;
            return a == bottomOf(k);
        }
        return abstractMatches(a, b);
    }

    /** Whether concrete type {@code d} is a subtype of heap type {@code b} of module types {@code tb}. */
    public static boolean defMatches(DefType d, int b, DefType[] tb) {
        return b >= 0 ? d.isSubtypeOf(tb[b]) : abstractMatches(d.kind, b);
    }

    /** The abstract hierarchy: any > eq > {i31, struct, array} > none; func > nofunc; extern > noextern; exn > noexn. */
    public static boolean abstractMatches(int a, int b) {
        if (a == b) return true;
        return switch (b) {
            case ANY -> a == EQ || a == I31 || a == STRUCT || a == ARRAY || a == NONE;
            case EQ -> a == I31 || a == STRUCT || a == ARRAY || a == NONE;
            case I31, STRUCT, ARRAY -> a == NONE;
            case FUNC -> a == NOFUNC;
            case EXTERN -> a == NOEXTERN;
            case EXN -> a == NOEXN;
            default -> false;
        };
    }

    /** The top of the hierarchy a heap type belongs to: any, func, extern or exn. */
    public static int top(int heap, DefType[] types) {
        int h = heap >= 0 ? types[heap].kind : heap;
        return switch (h) {
            case FUNC, NOFUNC -> FUNC;
            case EXTERN, NOEXTERN -> EXTERN;
            case EXN, NOEXN -> EXN;
            default -> ANY;
        };
    }

    /** The bottom of the hierarchy an abstract heap type belongs to: none, nofunc, noextern or noexn. */
    public static int bottomOf(int abstractHeap) {
        return switch (top(abstractHeap, null)) {
            case FUNC -> NOFUNC;
            case EXTERN -> NOEXTERN;
            case EXN -> NOEXN;
            default -> NONE;
        };
    }
}
