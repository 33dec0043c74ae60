package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.ArrayType;
import dev.lia.wasm.syntax.FieldType;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.StructType;
import dev.lia.wasm.syntax.ValType;

import static dev.lia.wasm.syntax.ValType.I32;

/** The typing rules of the GC instructions (3.0): struct and array allocation and access. */
final class GcTyping {
    private GcTyping() {}

    /** Applies a GC instruction's rule; false if {@code ins} is not one. */
    static boolean step(ModuleContext ctx, TypeStack stack, Instruction ins) {
        int at = ins.offset;
        switch (ins.op) {
            case STRUCT_NEW -> {
                StructType st = ctx.structType(ins.a, at);
                for (int i = st.fields().size() - 1; i >= 0; i--) stack.pop(st.fields().get(i).type());
                stack.push(ValType.ref(false, (int) ins.a));
            }
            case STRUCT_NEW_DEFAULT -> {
                StructType st = ctx.structType(ins.a, at);
                for (FieldType f : st.fields()) defaultable(f, at);
                stack.push(ValType.ref(false, (int) ins.a));
            }
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                FieldType f = field(ctx, ins);
                packedAccess(f, ins.op != dev.lia.wasm.syntax.Opcode.STRUCT_GET, at);
                stack.pop(ValType.ref(true, (int) ins.a));
                stack.push(f.type());
            }
            case STRUCT_SET -> {
                FieldType f = field(ctx, ins);
                if (!f.mutable()) throw new InvalidException("immutable field", at);
                stack.pop(f.type());
                stack.pop(ValType.ref(true, (int) ins.a));
            }
            case ARRAY_NEW -> {
                FieldType e = ctx.arrayType(ins.a, at).element();
                stack.pop(I32);
                stack.pop(e.type());
                stack.push(ValType.ref(false, (int) ins.a));
            }
            case ARRAY_NEW_DEFAULT -> {
                defaultable(ctx.arrayType(ins.a, at).element(), at);
                stack.pop(I32);
                stack.push(ValType.ref(false, (int) ins.a));
            }
            case ARRAY_NEW_FIXED -> {
                FieldType e = ctx.arrayType(ins.a, at).element();
                for (long i = 0; i < ins.b; i++) stack.pop(e.type());
                stack.push(ValType.ref(false, (int) ins.a));
            }
            case ARRAY_NEW_DATA -> {
                numeric(ctx.arrayType(ins.a, at).element(), at);
                ctx.data(ins.b, at);
                stack.pop(I32);
                stack.pop(I32);
                stack.push(ValType.ref(false, (int) ins.a));
            }
            case ARRAY_NEW_ELEM -> {
                elemMatches(ctx, ctx.arrayType(ins.a, at).element(), ins.b, at);
                stack.pop(I32);
                stack.pop(I32);
                stack.push(ValType.ref(false, (int) ins.a));
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                FieldType e = ctx.arrayType(ins.a, at).element();
                packedAccess(e, ins.op != dev.lia.wasm.syntax.Opcode.ARRAY_GET, at);
                stack.pop(I32);
                stack.pop(ValType.ref(true, (int) ins.a));
                stack.push(e.type());
            }
            case ARRAY_SET -> {
                FieldType e = ctx.arrayType(ins.a, at).element();
                mutable(e, at);
                stack.pop(e.type());
                stack.pop(I32);
                stack.pop(ValType.ref(true, (int) ins.a));
            }
            case ARRAY_LEN -> {
                stack.pop(ValType.ARRAYREF);
                stack.push(I32);
            }
            case ARRAY_FILL -> {
                FieldType e = ctx.arrayType(ins.a, at).element();
                mutable(e, at);
                stack.pop(I32);
                stack.pop(e.type());
                stack.pop(I32);
                stack.pop(ValType.ref(true, (int) ins.a));
            }
            case ARRAY_COPY -> {
                FieldType dst = ctx.arrayType(ins.a, at).element();
                FieldType src = ctx.arrayType(ins.b, at).element();
                mutable(dst, at);
                if (dst.packed() != src.packed() || !ctx.matches(src.type(), dst.type())) {
                    throw new InvalidException("array types do not match", at);
                }
                stack.pop(I32);
                stack.pop(I32);
                stack.pop(ValType.ref(true, (int) ins.b));
                stack.pop(I32);
                stack.pop(ValType.ref(true, (int) ins.a));
            }
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> {
                FieldType e = ctx.arrayType(ins.a, at).element();
                mutable(e, at);
                if (ins.op == dev.lia.wasm.syntax.Opcode.ARRAY_INIT_DATA) {
                    numeric(e, at);
                    ctx.data(ins.b, at);
                } else {
                    elemMatches(ctx, e, ins.b, at);
                }
                stack.pop(I32);
                stack.pop(I32);
                stack.pop(I32);
                stack.pop(ValType.ref(true, (int) ins.a));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static FieldType field(ModuleContext ctx, Instruction ins) {
        StructType st = ctx.structType(ins.a, ins.offset);
        if (ins.b < 0 || ins.b >= st.fields().size()) throw new InvalidException("unknown field " + ins.b, ins.offset);
        return st.fields().get((int) ins.b);
    }

    private static void packedAccess(FieldType f, boolean signedForm, int at) {
        if (signedForm != (f.packed() != 0)) {
            throw new InvalidException(signedForm ? "type mismatch: field is not packed" : "type mismatch: field is packed", at);
        }
    }

    private static void mutable(FieldType f, int at) {
        if (!f.mutable()) throw new InvalidException("immutable array", at);
    }

    private static void defaultable(FieldType f, int at) {
        if (!f.type().defaultable()) throw new InvalidException("type mismatch: field type is not defaultable", at);
    }

    private static void numeric(FieldType f, int at) {
        if (f.packed() == 0 && f.type().isRef()) throw new InvalidException("array type is not numeric or vector", at);
    }

    private static void elemMatches(ModuleContext ctx, FieldType e, long segment, int at) {
        if (!ctx.matches(ctx.elem(segment, at), e.type())) throw new InvalidException("type mismatch", at);
    }
}
