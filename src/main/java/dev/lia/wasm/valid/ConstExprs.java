package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Constant expressions (global initializers, segment offsets, element items). They may use
 * {@code *.const}, {@code ref.null}, {@code ref.func}, {@code global.get} of an immutable global and
 * (WebAssembly 3.0, extended constant expressions) {@code i32}/{@code i64} {@code add}, {@code sub} and
 * {@code mul}, and must produce exactly one value of the expected type. A global's initializer sees
 * the globals before it (imports first); segments see every global.
 */
final class ConstExprs {
    private ConstExprs() {}

    static void check(ModuleContext ctx, Expr expr, ValType expected) {
        check(ctx, expr, expected, ctx.globalCount());
    }

    /** @param globalsInScope how many globals (from index 0) {@code global.get} may name */
    static void check(ModuleContext ctx, Expr expr, ValType expected, int globalsInScope) {
        List<ValType> stack = new ArrayList<>();
        int last = -1;
        for (Instruction ins : expr.instructions()) {
            last = ins.offset;
            switch (ins.op) {
                case I32_ADD, I32_SUB, I32_MUL -> binary(stack, ValType.I32, ins);
                case I64_ADD, I64_SUB, I64_MUL -> binary(stack, ValType.I64, ins);
                case REF_I31 -> {
                    pop(ctx, stack, ValType.I32, ins);
                    stack.add(ValType.ref(false, ValType.I31));
                }
                case ANY_CONVERT_EXTERN -> {
                    ValType t = pop(ctx, stack, ValType.EXTERNREF, ins);
                    stack.add(ValType.ref(t.nullable, ValType.ANY));
                }
                case EXTERN_CONVERT_ANY -> {
                    ValType t = pop(ctx, stack, ValType.ANYREF, ins);
                    stack.add(ValType.ref(t.nullable, ValType.EXTERN));
                }
                case STRUCT_NEW -> {
                    var fields = ctx.structType(ins.a, ins.offset).fields();
                    for (int i = fields.size() - 1; i >= 0; i--) pop(ctx, stack, fields.get(i).type(), ins);
                    stack.add(ValType.ref(false, (int) ins.a));
                }
                case STRUCT_NEW_DEFAULT -> {
                    ctx.structType(ins.a, ins.offset);
                    stack.add(ValType.ref(false, (int) ins.a));
                }
                case ARRAY_NEW -> {
                    var e = ctx.arrayType(ins.a, ins.offset).element();
                    pop(ctx, stack, ValType.I32, ins);
                    pop(ctx, stack, e.type(), ins);
                    stack.add(ValType.ref(false, (int) ins.a));
                }
                case ARRAY_NEW_DEFAULT -> {
                    ctx.arrayType(ins.a, ins.offset);
                    pop(ctx, stack, ValType.I32, ins);
                    stack.add(ValType.ref(false, (int) ins.a));
                }
                case ARRAY_NEW_FIXED -> {
                    var e = ctx.arrayType(ins.a, ins.offset).element();
                    for (long i = 0; i < ins.b; i++) pop(ctx, stack, e.type(), ins);
                    stack.add(ValType.ref(false, (int) ins.a));
                }
                default -> stack.add(typeOf(ctx, ins, globalsInScope));
            }
        }
        if (stack.size() != 1 || !ctx.matches(stack.get(0), expected)) throw new InvalidException("type mismatch", last);
    }

    private static ValType pop(ModuleContext ctx, List<ValType> stack, ValType want, Instruction ins) {
        int n = stack.size();
        if (n == 0 || !ctx.matches(stack.get(n - 1), want)) throw new InvalidException("type mismatch", ins.offset);
        return stack.remove(n - 1);
    }

    private static void binary(List<ValType> stack, ValType t, Instruction ins) {
        int n = stack.size();
        if (n < 2 || stack.get(n - 1) != t || stack.get(n - 2) != t) throw new InvalidException("type mismatch", ins.offset);
        stack.remove(n - 1);
    }

    private static ValType typeOf(ModuleContext ctx, Instruction ins, int globalsInScope) {
        return switch (ins.op) {
            case I32_CONST -> ValType.I32;
            case I64_CONST -> ValType.I64;
            case F32_CONST -> ValType.F32;
            case F64_CONST -> ValType.F64;
            case REF_NULL -> {
                if (ins.a >= 0) ctx.subType(ins.a, ins.offset);
                yield ValType.ref(true, (int) ins.a);
            }
            case REF_FUNC -> {
                ctx.func(ins.a, ins.offset);
                yield ValType.ref(false, ctx.funcTypeIndex(ins.a));
            }
            case GLOBAL_GET -> {
                GlobalType g = ctx.globalInScope(ins.a, globalsInScope, ins.offset);
                if (g.mutable()) throw required(ins);
                yield g.type();
            }
            default -> {
                if (ins.op.imm == Opcode.Imm.V128) yield ValType.V128; // v128.const
                throw required(ins);
            }
        };
    }

    private static InvalidException required(Instruction ins) {
        return new InvalidException("constant expression required", ins.offset);
    }
}
