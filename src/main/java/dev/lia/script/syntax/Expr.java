package dev.lia.script.syntax;

import java.math.BigInteger;
import java.util.List;

/** Expressions of the AST. Every node is immutable and knows where it came from. */
public sealed interface Expr {
    Pos pos();

    /** An integer literal; its type (i32 or i64, or a float in a float context) is decided by the checker. */
    record IntLit(Pos pos, BigInteger value) implements Expr {}

    /** A float literal as written (decimal, hex float, inf, nan, nan:0x...), already negated if {@code negative}. */
    record FloatLit(Pos pos, String text, boolean negative) implements Expr {}

    /** A string or hex literal: a constant octs value, kept as lowercase hex. */
    record OctsLit(Pos pos, String hex) implements Expr {}

    /**
     * A v128 literal: a shape ({@code i8x16} ... {@code f64x2}) and its lanes as written, integer or
     * float literals (already negated); the checker counts them and holds each to its lane type.
     */
    record V128Lit(Pos pos, String shape, List<Expr> lanes) implements Expr {
        public V128Lit {
            lanes = List.copyOf(lanes);
        }
    }

    /** {@code v.i32x4[k]}: lane k of a v128 read in a shape; i8 and i16 lanes sign-extend to i32. */
    record Lane(Pos pos, Expr target, String shape, Expr index) implements Expr {}

    record Var(Pos pos, String name) implements Expr {}

    record Unary(Pos pos, UnaryOp op, Expr operand) implements Expr {}

    /** {@code pos} spans the whole expression (compile errors underline it); {@code opPos} is the operator's, where a run-time trap of it points. */
    record Binary(Pos pos, BinaryOp op, Expr left, Expr right, Pos opPos) implements Expr {
        public Binary(Pos pos, BinaryOp op, Expr left, Expr right) {
            this(pos, op, left, right, pos);
        }
    }

    /** A call of an exported function by its export name. */
    record Call(Pos pos, String name, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** A conversion written like a call: i32(x), i64(x), u32(x), u64(x), f32(x), f64(x), octs(x). */
    record Convert(Pos pos, Conversion to, Expr operand) implements Expr {}

    /** A request to the host: {@code ext name(args)}. Its result types come from where it stands. */
    record Ext(Pos pos, String name, List<Expr> args) implements Expr {
        public Ext {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code instantiate(code, module.name = extern, ...)}: a module from bytes computed at run time,
     * linked to the script's module and to instances instantiated before. Gives an instance.
     */
    record Instantiate(Pos pos, Expr code, List<ImportBinding> bindings) implements Expr {
        public Instantiate {
            bindings = List.copyOf(bindings);
        }
    }

    /** {@code inst.name(args)}: a call of an export of an instantiated module; its result types come from where it stands. */
    record InstanceCall(Pos pos, String instance, String name, List<Expr> args) implements Expr {
        public InstanceCall {
            args = List.copyOf(args);
        }
    }

    /** {@code table[k].op}; op is checked to be size. */
    record Table(Pos pos, int table, String op) implements Expr {}

    /** {@code memory[k].op(args)} or {@code memory[k].op}; op is checked to be read, write, size or grow. */
    record Memory(Pos pos, int memory, String op, List<Expr> args, boolean called) implements Expr {
        public Memory {
            args = List.copyOf(args);
        }
    }

    /** {@code global.name}: reads an exported global. */
    record Global(Pos pos, String name) implements Expr {}

    /** {@code e.name}: only {@code .len} of octs exists. */
    record Property(Pos pos, Expr target, String name) implements Expr {}

    /** {@code s[from..to]}, half-open. */
    record Slice(Pos pos, Expr target, Expr from, Expr to) implements Expr {}

    /** {@code s[i]}: one byte as an i32 in 0..255. */
    record Index(Pos pos, Expr target, Expr index) implements Expr {}

    enum UnaryOp {
        NEG("-"), NOT("!"), BIT_NOT("~");

        public final String text;

        UnaryOp(String text) {
            this.text = text;
        }
    }

    enum BinaryOp {
        MUL("*"), DIV("/"), DIV_U("/u"), REM("%"), REM_U("%u"),
        ADD("+"), SUB("-"), CONCAT("++"),
        SHL("<<"), SHR(">>"), SHR_U(">>u"),
        AND("&"), XOR("^"), OR("|"),
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), LT_U("<u"), LE_U("<=u"), GT_U(">u"), GE_U(">=u"),
        LOGIC_AND("&&"), LOGIC_OR("||");

        public final String text;

        BinaryOp(String text) {
            this.text = text;
        }

        public static BinaryOp of(String text) {
            for (BinaryOp op : values()) if (op.text.equals(text)) return op;
            throw new IllegalArgumentException(text);
        }

        public boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= GE_U.ordinal();
        }

        public boolean isUnsigned() {
            return this == DIV_U || this == REM_U || this == SHR_U || this == LT_U || this == LE_U
                    || this == GT_U || this == GE_U;
        }

        /** Operators that only make sense on integers. */
        public boolean isIntegerOnly() {
            return isUnsigned() || this == REM || this == SHL || this == SHR || this == AND || this == XOR || this == OR;
        }
    }

    /** What a conversion call converts to. */
    enum Conversion {
        I32("i32"), U32("u32"), I64("i64"), U64("u64"), F32("f32"), F64("f64"), OCTS("octs"), V128("v128");

        public final String text;

        Conversion(String text) {
            this.text = text;
        }

        public Type type() {
            return switch (this) {
                case I32, U32 -> Type.I32;
                case I64, U64 -> Type.I64;
                case F32 -> Type.F32;
                case F64 -> Type.F64;
                case OCTS -> Type.OCTS;
                case V128 -> Type.V128;
            };
        }

        public boolean unsigned() {
            return this == U32 || this == U64;
        }

        public static Conversion of(String text) {
            for (Conversion c : values()) if (c.text.equals(text)) return c;
            return null;
        }
    }
}
