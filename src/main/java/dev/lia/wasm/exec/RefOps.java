package dev.lia.wasm.exec;

import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.Op;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Ref;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.types.DefType;
import dev.lia.wasm.types.Subtyping;

/** The reference instructions of 3.0 (see {@link Op#REF_BASE}): ref.eq, ref.as_non_null, i31, conversions, casts. */
final class RefOps {
    private RefOps() {}

    static int execute(Machine m, int[] code, int pc, int fp, Instance inst) {
        int op = code[pc];
        if (Op.isGc(op)) return GcOps.execute(m, code, pc, fp, inst);
        long[] s = m.stack();
        long a = s[fp + code[pc + 2]];
        int d = fp + code[pc + 1];
        switch (op) {
            case Op.REF_EQ -> s[d] = a == s[fp + code[pc + 3]] ? 1 : 0;
            case Op.REF_AS_NON_NULL -> {
                if (a == Ref.NULL) throw new Trap("null reference");
                s[d] = a;
            }
            case Op.REF_I31 -> s[d] = Ref.i31((int) a);
            case Op.I31_GET -> {
                if (a == Ref.NULL) throw new Trap("null i31 reference");
                s[d] = Ref.i31Value(a, code[pc + 3] != 0);
            }
            case Op.ANY_CONVERT_EXTERN -> s[d] = Ref.internalize(a);
            case Op.EXTERN_CONVERT_ANY -> s[d] = Ref.externalize(a);
            case Op.REF_TEST -> s[d] = test(m.store(), inst, a, code[pc + 3], code[pc + 4] != 0) ? 1 : 0;
            case Op.REF_TEST_FAIL -> s[d] = test(m.store(), inst, a, code[pc + 3], code[pc + 4] != 0) ? 0 : 1;
            case Op.REF_CAST -> {
                if (!test(m.store(), inst, a, code[pc + 3], code[pc + 4] != 0)) throw new Trap("cast failure");
                s[d] = a;
            }
            case Op.REF_IS_NON_NULL -> s[d] = a != Ref.NULL ? 1 : 0;
            default -> throw new IllegalStateException("unknown internal opcode " + op);
        }
        return pc + 1 + Op.operandCount(code, pc);
    }

    /**
     * Whether reference {@code ref} is a value of {@code (ref null? heap)}, heap a type index of {@code inst}'s
     * module or an abstract heap type. Validation put the value in the heap type's hierarchy.
     */
    static boolean test(Store store, Instance inst, long ref, int heap, boolean nullable) {
        if (ref == Ref.NULL) return nullable;
        if (heap >= 0) {
            DefType want = inst.defTypes()[heap];
            DefType have = typeOf(store, ref);
            return have != null && have.isSubtypeOf(want);
        }
        switch (heap) {
            case ValType.ANY, ValType.FUNC, ValType.EXTERN, ValType.EXN: return true;
            case ValType.EQ: return Ref.isI31(ref) || Ref.isObject(ref);
            case ValType.I31: return Ref.isI31(ref);
            case ValType.STRUCT, ValType.ARRAY: {
                DefType t = Ref.isObject(ref) ? typeOf(store, ref) : null;
                return t != null && Subtyping.abstractMatches(t.kind, heap);
            }
            default: return false; // the bottom types have no values but null
        }
    }

    /** The defined type of a function reference or GC object; null for other references. */
    static DefType typeOf(Store store, long ref) {
        if (Ref.isObject(ref)) return store.heap().typeOf(ref);
        if ((ref & Ref.TAG_MASK) != 0) return null;
        int address = Ref.funcAddress(ref);
        if (address < 0 || address >= store.functionCount()) return null;
        FunctionInstance f = store.function(address);
        return Store.defType(f.typeId());
    }
}
