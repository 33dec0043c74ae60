package dev.lia.script.compile;

import dev.lia.script.check.CheckedScript;
import dev.lia.script.syntax.Expr;
import dev.lia.script.syntax.Expr.BinaryOp;
import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Type;

/** Binary operators: both operands widened to their common type, then one wasm-named operation. */
final class Operators {
    private final Compiler out;
    private final CheckedScript checked;

    Operators(Compiler out, CheckedScript checked) {
        this.out = out;
        this.checked = checked;
    }

    void binary(Expr.Binary b, Type result) {
        Pos pos = b.opPos(); // a trap of the operation (division by zero) points at its operator
        BinaryOp op = b.op();
        if (op == BinaryOp.LOGIC_AND || op == BinaryOp.LOGIC_OR) {
            logic(b);
            return;
        }
        Type l = checked.type(b.left());
        Type r = checked.type(b.right());
        if (op == BinaryOp.CONCAT || l == Type.OCTS || l == Type.V128) { // a v128 compares as its bytes
            out.value(b.left(), null);
            out.value(b.right(), null);
            out.emit(op == BinaryOp.CONCAT ? Code.OCTS_CONCAT : op == BinaryOp.EQ ? Code.OCTS_EQ : Code.OCTS_NE, pos);
            return;
        }
        Type t = l == r ? l : Type.I64;
        out.value(b.left(), t);
        out.value(b.right(), t);
        out.emit(code(op, t), pos);
    }

    /** {@code a && b} and {@code a || b}: short-circuit, giving i32 0 or 1. */
    private void logic(Expr.Binary b) {
        Pos pos = b.pos();
        boolean and = b.op() == BinaryOp.LOGIC_AND;
        out.value(b.left(), Type.I32);
        int shortCut = out.emit(and ? Code.BR_UNLESS : Code.BR_IF, pos);
        out.value(b.right(), Type.I32);
        out.emit(Code.I32_EQZ, pos);
        out.emit(Code.I32_EQZ, pos);
        int toEnd = out.emit(Code.BR, pos);
        out.patchTo(shortCut, out.here());
        out.emitConst(Type.I32, and ? 0 : 1, pos);
        out.patchTo(toEnd, out.here());
    }

    static Code code(BinaryOp op, Type t) {
        String suffix = switch (op) {
            case MUL -> "MUL";
            case DIV -> t.isInt() ? "DIV_S" : "DIV";
            case DIV_U -> "DIV_U";
            case REM -> "REM_S";
            case REM_U -> "REM_U";
            case ADD -> "ADD";
            case SUB -> "SUB";
            case SHL -> "SHL";
            case SHR -> "SHR_S";
            case SHR_U -> "SHR_U";
            case AND -> "AND";
            case XOR -> "XOR";
            case OR -> "OR";
            case EQ -> "EQ";
            case NE -> "NE";
            case LT -> t.isInt() ? "LT_S" : "LT";
            case LE -> t.isInt() ? "LE_S" : "LE";
            case GT -> t.isInt() ? "GT_S" : "GT";
            case GE -> t.isInt() ? "GE_S" : "GE";
            case LT_U -> "LT_U";
            case LE_U -> "LE_U";
            case GT_U -> "GT_U";
            case GE_U -> "GE_U";
            default -> throw new IllegalArgumentException(op.text);
        };
        return Code.valueOf(t.name() + "_" + suffix);
    }
}
