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
                default -> stack.add(typeOf(ctx, ins, globalsInScope));
            }
        }
        if (stack.size() != 1 || stack.get(0) != expected) throw new InvalidException("type mismatch", last);
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
                ValType t = ValType.fromCode((int) ins.a);
                if (t == null || !t.isRef()) throw new InvalidException("malformed reference type", ins.offset);
                yield t;
            }
            case REF_FUNC -> {
                ctx.func(ins.a, ins.offset);
                yield ValType.FUNCREF;
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
