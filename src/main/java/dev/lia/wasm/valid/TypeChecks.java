package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.syntax.CompType;
import dev.lia.wasm.syntax.FieldType;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.StructType;
import dev.lia.wasm.syntax.SubType;
import dev.lia.wasm.syntax.TypeSection;
import dev.lia.wasm.syntax.ValType;

import java.util.List;

/**
 * The type section's rules (3.0): every type a definition names exists, and each declared supertype is
 * an earlier, non-final type whose composite type the definition's matches (functions contravariant in
 * their parameters and covariant in their results, structs by prefix, arrays by element, fields by
 * mutability: an immutable field may be a subtype, a mutable one must be the same type).
 */
final class TypeChecks {
    private TypeChecks() {}

    static void checkTypeSection(ModuleContext ctx, TypeSection section) {
        List<SubType> types = section.types();
        for (int i = 0; i < types.size(); i++) {
            SubType s = types.get(i);
            checkComp(ctx, s.comp());
            if (s.supers().size() > 1) throw new InvalidException("type " + i + " has more than one supertype", -1);
            for (int sup : s.supers()) {
                if (sup >= i) throw new InvalidException("unknown type " + sup, -1);
                SubType st = ctx.subType(sup, -1);
                if (st.isFinal()) throw new InvalidException("sub type " + i + " does not match super type " + sup + ", which is final", -1);
                if (!compMatches(ctx, s.comp(), st.comp())) {
                    throw new InvalidException("sub type " + i + " does not match super type " + sup, -1);
                }
            }
        }
    }

    private static void checkComp(ModuleContext ctx, CompType c) {
        if (c instanceof FuncType f) {
            for (ValType t : f.params()) ctx.checkType(t, -1);
            for (ValType t : f.results()) ctx.checkType(t, -1);
        } else if (c instanceof StructType s) {
            for (FieldType f : s.fields()) ctx.checkType(f.type(), -1);
        } else {
            ctx.checkType(((ArrayType) c).element().type(), -1);
        }
    }

    private static boolean compMatches(ModuleContext ctx, CompType a, CompType b) {
        if (a instanceof FuncType fa && b instanceof FuncType fb) {
            if (fa.params().size() != fb.params().size() || fa.results().size() != fb.results().size()) return false;
            for (int i = 0; i < fa.params().size(); i++) if (!ctx.matches(fb.params().get(i), fa.params().get(i))) return false;
            for (int i = 0; i < fa.results().size(); i++) if (!ctx.matches(fa.results().get(i), fb.results().get(i))) return false;
            return true;
        }
        if (a instanceof StructType sa && b instanceof StructType sb) {
            if (sa.fields().size() < sb.fields().size()) return false;
            for (int i = 0; i < sb.fields().size(); i++) if (!fieldMatches(ctx, sa.fields().get(i), sb.fields().get(i))) return false;
            return true;
        }
        if (a instanceof ArrayType aa && b instanceof ArrayType ab) return fieldMatches(ctx, aa.element(), ab.element());
        return false;
    }

    private static boolean fieldMatches(ModuleContext ctx, FieldType a, FieldType b) {
        if (a.mutable() != b.mutable() || a.packed() != b.packed()) return false;
        if (a.mutable()) return ctx.matches(a.type(), b.type()) && ctx.matches(b.type(), a.type());
        return ctx.matches(a.type(), b.type());
    }
}
