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
 * Constant expressions (global initializers, segment offsets, element items). In WebAssembly 2.0
 * they may only use {@code *.const}, {@code ref.null}, {@code ref.func} and {@code global.get} of an
 * imported immutable global, and must produce exactly one value of the expected type.
 */
final class ConstExprs {
    private ConstExprs() {}

    static void check(ModuleContext ctx, Expr expr, ValType expected) {
        List<ValType> stack = new ArrayList<>();
        int last = -1;
        for (Instruction ins : expr.instructions()) {
            last = ins.offset;
            stack.add(typeOf(ctx, ins));
        }
        if (stack.size() != 1 || stack.get(0) != expected) throw new InvalidException("type mismatch", last);
    }

    private static ValType typeOf(ModuleContext ctx, Instruction ins) {
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
                GlobalType g = ctx.importedGlobal(ins.a, ins.offset);
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
