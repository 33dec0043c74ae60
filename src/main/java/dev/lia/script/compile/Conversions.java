package dev.lia.script.compile;

import dev.lia.script.syntax.Expr.Conversion;
import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Type;

/** The operations that turn a value of one type into another. */
final class Conversions {
    private final Compiler out;

    Conversions(Compiler out) {
        this.out = out;
    }

    /** Implicit widening: nothing when the types are equal, i32 to i64 sign-extends. */
    void coerce(Type from, Type to, Pos pos) {
        if (from == to) return;
        if (from == Type.I32 && to == Type.I64) {
            out.emit(Code.I64_EXTEND_I32_S, pos);
            return;
        }
        throw new IllegalStateException("no implicit conversion from " + from + " to " + to);
    }

    /** An explicit conversion ({@code i32(x)} ... {@code octs(x)}, or a typed declaration). */
    void convert(Type from, Conversion to, Pos pos) {
        Code c = code(from, to);
        if (c != null) out.emit(c, pos);
    }

    /** The one operation converting {@code from} as {@code to} says, or null when none is needed. */
    static Code code(Type from, Conversion to) {
        boolean u = to.unsigned();
        return switch (to.type()) {
            case I32 -> switch (from) {
                case I32 -> null;
                case I64 -> Code.I32_WRAP_I64;
                case F32 -> u ? Code.I32_TRUNC_F32_U : Code.I32_TRUNC_F32_S;
                case F64 -> u ? Code.I32_TRUNC_F64_U : Code.I32_TRUNC_F64_S;
                case OCTS -> Code.OCTS_TO32;
                case INSTANCE, V128 -> throw notAValue();
            };
            case I64 -> switch (from) {
                case I32 -> u ? Code.I64_EXTEND_I32_U : Code.I64_EXTEND_I32_S;
                case I64 -> null;
                case F32 -> u ? Code.I64_TRUNC_F32_U : Code.I64_TRUNC_F32_S;
                case F64 -> u ? Code.I64_TRUNC_F64_U : Code.I64_TRUNC_F64_S;
                case OCTS -> Code.OCTS_TO64;
                case INSTANCE, V128 -> throw notAValue();
            };
            case F32 -> switch (from) {
                case I32 -> Code.F32_CONVERT_I32_S;
                case I64 -> Code.F32_CONVERT_I64_S;
                case F32 -> null;
                case F64 -> Code.F32_DEMOTE_F64;
                case OCTS -> Code.OCTS_TO32;
                case INSTANCE, V128 -> throw notAValue();
            };
            case F64 -> switch (from) {
                case I32 -> Code.F64_CONVERT_I32_S;
                case I64 -> Code.F64_CONVERT_I64_S;
                case F32 -> Code.F64_PROMOTE_F32;
                case F64 -> null;
                case OCTS -> Code.OCTS_TO64;
                case INSTANCE, V128 -> throw notAValue();
            };
            case OCTS -> switch (from) {
                case I32, F32 -> Code.OCTS_FROM32;
                case I64, F64 -> Code.OCTS_FROM64;
                case OCTS, V128 -> null; // a v128 is held as its 16 bytes already
                case INSTANCE -> throw notAValue();
            };
            case V128 -> switch (from) {
                case OCTS -> Code.V128_FROM_OCTS;
                case V128 -> null;
                default -> throw notAValue();
            };
            case INSTANCE -> throw notAValue();
        };
    }

    /** The checker lets no instance be converted, nor a v128 to or from a number. */
    private static IllegalStateException notAValue() {
        return new IllegalStateException("an instance is not a value");
    }
}
