package dev.lia.script.check;

import dev.lia.script.syntax.Expr;
import dev.lia.script.syntax.Expr.BinaryOp;
import dev.lia.script.syntax.ImportBinding;
import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Literals;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;

import java.util.List;

/**
 * Types expressions. A value's type comes from its operands; integer and float literals also take
 * a hint from where they stand (a declared type, a parameter, the other operand), so {@code x + 1}
 * with an i64 {@code x} adds an i64 one. Every result is recorded in the {@link CheckedScript};
 * null means an error was reported (and keeps one mistake from causing a cascade).
 */
final class ExpressionChecker {
    private final Context cx;

    ExpressionChecker(Context cx) {
        this.cx = cx;
    }

    /** Whether a value of type {@code from} may be stored where {@code to} is wanted: equal, or i32 widened to i64. */
    static boolean assignable(Type from, Type to) {
        return from == to || (from == Type.I32 && to == Type.I64);
    }

    /**
     * Whether {@code T(x)} (or {@code T name = x}) exists for a value of type {@code from}: among
     * numbers and octs every conversion does; a v128 converts only to and from octs (its 16 bytes).
     */
    static boolean convertible(Type from, Type to) {
        if (from == Type.V128 || to == Type.V128) return from == to || from == Type.OCTS || to == Type.OCTS;
        return true;
    }

    /** Checks a value that must be assignable to {@code want}; {@code what} names it in the message. */
    Type expect(Expr e, Type want, Scope scope, String what) {
        Type t = value(e, want, scope);
        if (t != null && !assignable(t, want)) {
            cx.error(e.pos(), what + " must be " + want + ", got " + t + conversionHint(t, want));
            return null;
        }
        return t;
    }

    private static String conversionHint(Type from, Type to) {
        if (!convertible(from, to)) return "";
        if (from.isNumber() && to.isNumber() || to == Type.OCTS || from == Type.OCTS) return " (convert it explicitly: " + to + "(...))";
        return "";
    }

    /** Checks an expression that must give exactly one value. */
    Type value(Expr e, Type hint, Scope scope) {
        Type t = compute(e, hint, scope);
        if (t != null) cx.out.types.put(e, t);
        return t;
    }

    private Type compute(Expr e, Type hint, Scope scope) {
        if (e instanceof Expr.IntLit lit) return intLiteral(lit, hint);
        if (e instanceof Expr.FloatLit lit) return floatLiteral(lit, hint);
        if (e instanceof Expr.OctsLit) return Type.OCTS;
        if (e instanceof Expr.V128Lit v) return v128Literal(v, scope);
        if (e instanceof Expr.Lane l) return lane(l, scope);
        if (e instanceof Expr.Var v) return variable(v, scope);
        if (e instanceof Expr.Unary u) return unary(u, hint, scope);
        if (e instanceof Expr.Binary b) return binary(b, hint, scope);
        if (e instanceof Expr.Call c) {
            Signature sig = call(c, scope);
            if (sig == null) return null;
            if (sig.results().size() == 1) return sig.results().get(0);
            if (sig.results().isEmpty()) cx.error(c.pos(), "'" + c.name() + "' returns no value");
            else cx.error(c.pos(), "'" + c.name() + "' returns " + sig.results().size() + " values; take them with a, b = " + c.name() + "(...)");
            return null;
        }
        if (e instanceof Expr.Convert c) {
            // f32(1e39) reads its float literal as an f32, as f32 a = 1e39 does: out of range is an error in both
            boolean f32Literal = c.to().type() == Type.F32 && isLiteral(c.operand()) && hasFloatLiteral(c.operand());
            Type from = value(c.operand(), f32Literal ? Type.F32 : null, scope);
            if (from != null && !convertible(from, c.to().type())) {
                cx.error(c.pos(), "no conversion from " + from + " to " + c.to().text + ": a v128 converts only to and from octs "
                        + "(16 bytes); read its lanes with .i32x4[k] and the other shapes");
                return null;
            }
            return from == null ? null : c.to().type();
        }
        if (e instanceof Expr.Ext x) {
            extArgs(x, scope);
            cx.error(x.pos(), "an ext request's answer types come from its assignment: write T x = ext " + x.name() + "(...)");
            return null;
        }
        if (e instanceof Expr.InstanceCall c) {
            instanceCall(c, scope);
            cx.error(c.pos(), "the result types of " + c.instance() + "." + c.name() + " are known only when it runs; "
                    + "take them with a typed assignment: i32 x = " + c.instance() + "." + c.name() + "(...)");
            return null;
        }
        if (e instanceof Expr.Instantiate i) {
            instantiate(i, scope);
            cx.error(i.pos(), "instantiate gives an instance, not a value: assign it (name = instantiate(...)) or use it as a statement");
            return null;
        }
        if (e instanceof Expr.Table t) return table(t);
        if (e instanceof Expr.Memory m) {
            Type t = memory(m, scope);
            if (t == null && memoryWriteOk(m)) cx.error(m.pos(), "memory.write gives no value");
            return t;
        }
        if (e instanceof Expr.Global g) return global(g);
        if (e instanceof Expr.Property p) {
            Type t = value(p.target(), null, scope);
            if (!p.name().equals("len")) {
                cx.error(p.pos(), "unknown property '." + p.name() + "'; expected .len");
                return null;
            }
            if (t != null && t != Type.OCTS) {
                cx.error(p.pos(), ".len needs octs, got " + t);
                return null;
            }
            return t == null ? null : Type.I32;
        }
        if (e instanceof Expr.Slice s) {
            Type t = octsOperand(s.target(), "a slice", scope);
            Type a = expect(s.from(), Type.I32, scope, "a slice bound");
            Type b = expect(s.to(), Type.I32, scope, "a slice bound");
            return t == null || a == null || b == null ? null : Type.OCTS;
        }
        Expr.Index ix = (Expr.Index) e;
        Type t = octsOperand(ix.target(), "indexing", scope);
        Type i = expect(ix.index(), Type.I32, scope, "an index");
        return t == null || i == null ? null : Type.I32;
    }

    private Type octsOperand(Expr e, String what, Scope scope) {
        Type t = value(e, null, scope);
        if (t != null && t != Type.OCTS) {
            cx.error(e.pos(), what + " needs octs, got " + t);
            return null;
        }
        return t;
    }

    // ---------------------------------------------------------------- literals and names

    /** {@code i32x4 1 2 3 4}: exactly the shape's lane count, integers in an integer lane's range, floats that fit. */
    private Type v128Literal(Expr.V128Lit v, Scope scope) {
        dev.lia.script.value.LaneShape shape = dev.lia.script.value.LaneShape.byName(v.shape());
        if (v.lanes().size() != shape.lanes) {
            cx.error(v.pos(), shape.text + " takes " + shape.lanes + " lanes, got " + v.lanes().size());
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < shape.lanes; i++) {
            Expr lane = v.lanes().get(i);
            if (shape.isFloat()) {
                if (value(lane, shape.laneType, scope) == null) ok = false;
            } else if (!(lane instanceof Expr.IntLit lit)) {
                cx.error(lane.pos(), "lane " + i + " of " + shape.text + " must be an integer, got a float literal");
                ok = false;
            } else if (lit.value().compareTo(shape.range()[0]) < 0 || lit.value().compareTo(shape.range()[1]) > 0) {
                cx.error(lane.pos(), "lane " + i + " of " + shape.text + ": " + lit.value() + " does not fit in "
                        + (shape.width() * 8) + " bits (" + shape.range()[0] + " .. " + shape.range()[1] + ")");
                ok = false;
            } else {
                cx.out.types.put(lane, shape.width() == 8 ? Type.I64 : Type.I32);
            }
        }
        return ok ? Type.V128 : null;
    }

    /** {@code v.i32x4[k]}: a v128, an i32 index (a literal one must be a lane of the shape). */
    private Type lane(Expr.Lane l, Scope scope) {
        dev.lia.script.value.LaneShape shape = dev.lia.script.value.LaneShape.byName(l.shape());
        Type t = value(l.target(), null, scope);
        boolean ok = t != null;
        if (t != null && t != Type.V128) {
            cx.error(l.target().pos(), "." + shape.text + "[k] reads a lane of a v128, got " + t);
            ok = false;
        }
        if (expect(l.index(), Type.I32, scope, "a lane index") == null) ok = false;
        else if (l.index() instanceof Expr.IntLit k && (k.value().signum() < 0 || k.value().intValue() >= shape.lanes)) {
            cx.error(l.index().pos(), "lane index " + k.value() + " is out of range: " + shape.text + " has lanes 0 .. " + (shape.lanes - 1));
            ok = false;
        }
        return ok ? shape.laneType : null;
    }

    private Type intLiteral(Expr.IntLit lit, Type hint) {
        if (hint != null && hint.isFloat()) return hint;
        if (hint == Type.I64 || (hint == Type.I32 && Literals.fits(lit.value(), Type.I32))) {
            if (!Literals.fits(lit.value(), hint)) {
                cx.error(lit.pos(), "integer literal " + lit.value() + " does not fit in " + hint);
                return null;
            }
            return hint;
        }
        if (Literals.naturallyI32(lit.value())) return Type.I32;
        if (Literals.fits(lit.value(), Type.I64)) return Type.I64;
        cx.error(lit.pos(), "integer literal " + lit.value() + " does not fit in i64");
        return null;
    }

    private Type floatLiteral(Expr.FloatLit lit, Type hint) {
        Type t = hint == Type.F32 ? Type.F32 : Type.F64;
        try {
            Literals.floatBits(lit.text(), lit.negative(), t);
        } catch (IllegalArgumentException bad) {
            cx.error(lit.pos(), bad.getMessage());
            return null;
        }
        return t;
    }

    private Type variable(Expr.Var v, Scope scope) {
        Scope.Variable var = scope.lookup(v.name());
        if (var == null) {
            cx.error(v.pos(), "undefined name '" + v.name() + "'" + Context.suggest(v.name(), scope.visibleNames()));
            return null;
        }
        if (var.type() == Type.INSTANCE) {
            cx.error(v.pos(), "'" + v.name() + "' is an instance, not a value: call its exports (" + v.name()
                    + ".f(...)) or link them (instantiate(..., env.f = " + v.name() + ".f))");
            return null;
        }
        cx.out.slots.put(v, var.slot());
        return var.type();
    }

    private Type global(Expr.Global g) {
        GlobalType gt = cx.module.exportedGlobal(g.name());
        if (gt == null) {
            unknownGlobal(g.pos(), g.name());
            return null;
        }
        Type t = Type.of(gt.type());
        if (t == null) cx.error(g.pos(), "global '" + g.name() + "' has type " + gt.type() + ", which Lia has no values of");
        return t;
    }

    void unknownGlobal(Pos pos, String name) {
        ExternKind kind = cx.module.exportKind(name);
        if (kind != null) cx.error(pos, "'" + name + "' is a " + kind.text + " export, not a global");
        else cx.error(pos, "unknown global '" + name + "'; the module exports globals: "
                + Context.names(cx.module.exportedGlobalNames(), 10));
    }

    // ---------------------------------------------------------------- operators

    /** Literals and operators on literals: they take their type from the other operand. */
    static boolean isLiteral(Expr e) {
        if (e instanceof Expr.IntLit || e instanceof Expr.FloatLit) return true;
        if (e instanceof Expr.Unary u) return u.op() != Expr.UnaryOp.NOT && isLiteral(u.operand());
        if (e instanceof Expr.Binary b) {
            return !b.op().isComparison() && b.op() != BinaryOp.LOGIC_AND && b.op() != BinaryOp.LOGIC_OR
                    && b.op() != BinaryOp.CONCAT && isLiteral(b.left()) && isLiteral(b.right());
        }
        return false;
    }

    /** Whether a literal expression holds a float literal (so its integer literals are floats too). */
    static boolean hasFloatLiteral(Expr e) {
        if (e instanceof Expr.FloatLit) return true;
        if (e instanceof Expr.Unary u) return hasFloatLiteral(u.operand());
        if (e instanceof Expr.Binary b) return hasFloatLiteral(b.left()) || hasFloatLiteral(b.right());
        return false;
    }

    private Type unary(Expr.Unary u, Type hint, Scope scope) {
        Type t = value(u.operand(), u.op() == Expr.UnaryOp.NOT ? null : hint, scope);
        if (t == null) return null;
        switch (u.op()) {
            case NEG -> {
                if (t.isNumber()) return t;
                cx.error(u.pos(), "'-' needs a number, got " + t);
            }
            case NOT -> {
                if (t.isInt()) return Type.I32;
                cx.error(u.pos(), "'!' needs an integer condition, got " + t);
            }
            case BIT_NOT -> {
                if (t.isInt()) return t;
                cx.error(u.pos(), "'~' needs an integer, got " + t);
            }
        }
        return null;
    }

    private Type binary(Expr.Binary b, Type hint, Scope scope) {
        BinaryOp op = b.op();
        if (op == BinaryOp.LOGIC_AND || op == BinaryOp.LOGIC_OR) {
            Type l = expect(b.left(), Type.I32, scope, "an operand of '" + op.text + "'");
            Type r = expect(b.right(), Type.I32, scope, "an operand of '" + op.text + "'");
            return l == null || r == null ? null : Type.I32;
        }
        Type operandHint = op.isComparison() ? null : hint;
        Type l;
        Type r;
        // a literal takes the other operand's type, whichever side it stands on: the side that decides goes first
        // (a non-literal; between two literals, the one holding a float literal: 3 * 0.5 is f64 as 0.5 * 3 is)
        boolean rightFirst = isLiteral(b.left())
                && (!isLiteral(b.right()) || (!hasFloatLiteral(b.left()) && hasFloatLiteral(b.right())));
        if (rightFirst) {
            r = value(b.right(), operandHint, scope);
            l = value(b.left(), r != null && r.isNumber() ? r : operandHint, scope);
        } else {
            l = value(b.left(), operandHint, scope);
            r = value(b.right(), l != null && l.isNumber() ? l : operandHint, scope);
        }
        if (l == null || r == null) return null;
        if (op == BinaryOp.CONCAT) {
            if (l == Type.OCTS && r == Type.OCTS) return Type.OCTS;
            cx.error(b.pos(), "'++' joins octs, got " + l + " and " + r);
            return null;
        }
        if (l == Type.OCTS || r == Type.OCTS || l == Type.V128 || r == Type.V128) {
            if (l == r && (op == BinaryOp.EQ || op == BinaryOp.NE)) return Type.I32;
            cx.error(b.pos(), "'" + op.text + "' needs numbers, got " + l + " and " + r
                    + (op == BinaryOp.ADD && l == Type.OCTS ? " (octs are joined with ++)" : "")
                    + (l == Type.V128 || r == Type.V128 ? " (a v128 is compared with == and !=, and read by lanes: v.i32x4[k])" : ""));
            return null;
        }
        Type t = unify(l, r);
        if (t == null) {
            cx.error(b.pos(), "cannot mix " + l + " and " + r + " in '" + op.text + "'; convert one side explicitly, e.g. "
                    + (l.isFloat() ? l : r) + "(...)");
            return null;
        }
        if (op.isIntegerOnly() && !t.isInt()) {
            cx.error(b.pos(), "'" + op.text + "' needs integers, got " + t);
            return null;
        }
        return op.isComparison() ? Type.I32 : t;
    }

    /** The common type of two number operands: equal, or i64 when one is i32; null when they cannot mix. */
    static Type unify(Type a, Type b) {
        if (a == b) return a;
        if (a.isInt() && b.isInt()) return Type.I64;
        return null;
    }

    // ---------------------------------------------------------------- calls, requests, memory

    /** Checks a call of an export and its arguments; returns the export's signature or null. */
    Signature call(Expr.Call c, Scope scope) {
        FuncType ft = cx.module.exportedFunction(c.name());
        if (ft == null) {
            for (Expr a : c.args()) value(a, null, scope);
            ExternKind kind = cx.module.exportKind(c.name());
            if (kind != null) cx.error(c.pos(), "'" + c.name() + "' is a " + kind.text + " export, not a function");
            else cx.error(c.pos(), "unknown export '" + c.name() + "'" + Context.suggest(c.name(), cx.module.exportedFunctionNames())
                    + "; the module exports functions: " + Context.names(cx.module.exportedFunctionNames(), 12));
            return null;
        }
        Signature sig = Signature.of(ft);
        if (sig == null) {
            cx.error(c.pos(), "'" + c.name() + "' has type " + ft + ", which uses types Lia has no values of");
            return null;
        }
        if (c.args().size() != sig.params().size()) {
            for (Expr a : c.args()) value(a, null, scope);
            cx.error(c.pos(), "'" + c.name() + "' takes " + count(sig.params().size(), "argument")
                    + " (" + Signature.list(sig.params()) + "), got " + c.args().size());
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < c.args().size(); i++) {
            if (expect(c.args().get(i), sig.params().get(i), scope, "argument " + (i + 1) + " of '" + c.name() + "'") == null) ok = false;
        }
        if (!ok) return null;
        cx.out.signatures.put(c, sig);
        return sig;
    }

    /** Checks an ext request's arguments (any types); returns their types or null. */
    List<Type> extArgs(Expr.Ext x, Scope scope) {
        return anyArgs(x.args(), scope);
    }

    /**
     * Checks a call of an instance's export: the instance variable and the arguments (any value
     * types, literals as i32 or f64); returns the argument types or null.
     */
    List<Type> instanceCall(Expr.InstanceCall c, Scope scope) {
        boolean known = instance(c.instance(), c, c.pos(), scope);
        List<Type> args = anyArgs(c.args(), scope);
        if (args == null) return null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == Type.OCTS) {
                cx.error(c.args().get(i).pos(), "argument " + (i + 1) + " of " + c.instance() + "." + c.name()
                        + " is octs; wasm functions take numbers");
                known = false;
            }
        }
        return known ? args : null;
    }

    /** Looks up an instance variable and records its slot for {@code node}; false after an error. */
    private boolean instance(String name, Object node, Pos pos, Scope scope) {
        Scope.Variable var = scope.lookup(name);
        if (var == null) {
            cx.error(pos, "undefined name '" + name + "'" + Context.suggest(name, scope.visibleNames()));
            return false;
        }
        if (var.type() != Type.INSTANCE) {
            cx.error(pos, "'" + name + "' is " + var.type() + ", not an instance: only an instance (name = instantiate(...)) has exports");
            return false;
        }
        cx.out.slots.put(node, var.slot());
        return true;
    }

    /** Checks {@code instantiate(code, bindings...)}: octs code, and something to link to for each binding. */
    void instantiate(Expr.Instantiate i, Scope scope) {
        expect(i.code(), Type.OCTS, scope, "a module's bytes");
        java.util.Set<String> bound = new java.util.HashSet<>();
        for (ImportBinding b : i.bindings()) {
            if (!bound.add(b.module() + "\u0000" + b.name())) cx.error(b.pos(), b.qualifiedName() + " is linked twice");
            ImportBinding.ExternRef e = b.extern();
            if (e instanceof ImportBinding.MemoryRef m) {
                if (m.index() >= cx.module.memoryCount()) {
                    cx.error(m.pos(), cx.module.memoryCount() == 0 ? "the module has no memory"
                            : "the module has no memory " + m.index() + " (it has " + count(cx.module.memoryCount(), "memory") + ")");
                }
            } else if (e instanceof ImportBinding.TableRef t) {
                if (t.index() >= cx.module.tableCount()) noTable(t.pos(), t.index());
            } else if (e instanceof ImportBinding.GlobalRef g) {
                if (cx.module.exportedGlobal(g.name()) == null) unknownGlobal(g.pos(), g.name());
            } else if (e instanceof ImportBinding.ExportRef x) {
                if (cx.module.exportKind(x.name()) == null) {
                    cx.error(x.pos(), "unknown export '" + x.name() + "'" + Context.suggest(x.name(), cx.module.exportNames())
                            + "; the module exports: " + Context.names(cx.module.exportNames(), 12));
                }
            } else {
                ImportBinding.InstanceExportRef x = (ImportBinding.InstanceExportRef) e;
                instance(x.instance(), x, x.pos(), scope);
            }
        }
    }

    private Type table(Expr.Table t) {
        if (t.table() >= cx.module.tableCount()) {
            noTable(t.pos(), t.table());
            return null;
        }
        if (!t.op().equals("size")) {
            cx.error(t.pos(), "unknown table operation '" + t.op() + "'; expected size");
            return null;
        }
        return Type.I32;
    }

    private void noTable(Pos pos, int index) {
        cx.error(pos, cx.module.tableCount() == 0 ? "the module has no table"
                : "the module has no table " + index + " (it has " + count(cx.module.tableCount(), "table") + ")");
    }

    private List<Type> anyArgs(List<Expr> exprs, Scope scope) {
        List<Type> types = new java.util.ArrayList<>();
        boolean ok = true;
        for (Expr a : exprs) {
            Type t = value(a, null, scope);
            if (t == null) ok = false;
            types.add(t);
        }
        return ok ? types : null;
    }

    /** The address type of an existing memory: i64 for a 64-bit one (memory64), else i32. */
    Type addressType(int memory) {
        return cx.module.memory64(memory) ? Type.I64 : Type.I32;
    }

    private boolean memoryIndexOk(Expr.Memory m) {
        return m.memory() < cx.module.memoryCount();
    }

    /**
     * Checks a memory operation; returns its value type, or null for {@code write} (no value) and
     * after an error. Whether a write is well-formed is known from {@link #memoryWriteOk}.
     */
    Type memory(Expr.Memory m, Scope scope) {
        if (!memoryIndexOk(m)) {
            for (Expr a : m.args()) value(a, null, scope);
            cx.error(m.pos(), cx.module.memoryCount() == 0 ? "the module has no memory"
                    : "the module has no memory " + m.memory() + " (it has " + count(cx.module.memoryCount(), "memory") + ")");
            return null;
        }
        Type address = addressType(m.memory()); // i64 on a 64-bit memory: addresses, sizes and page counts
        if (address == Type.I64) cx.out.memories64.add(m.memory());
        switch (m.op()) {
            case "read" -> {
                if (!arity(m, 2, "memory.read(address, length)")) return null;
                Type a = expect(m.args().get(0), address, scope, "an address");
                Type n = expect(m.args().get(1), Type.I32, scope, "a length");
                return a == null || n == null ? null : Type.OCTS;
            }
            case "write" -> {
                if (arity(m, 2, "memory.write(value, address)")) {
                    Type v = value(m.args().get(0), null, scope);
                    Type a = expect(m.args().get(1), address, scope, "an address");
                    if (v != null && a != null) cx.out.signatures.put(m, new Signature(List.of(v, address), List.of()));
                }
                return null;
            }
            case "size" -> {
                if (m.called() && !m.args().isEmpty()) {
                    arity(m, 0, "memory.size");
                    return null;
                }
                return address;
            }
            case "grow" -> {
                if (!arity(m, 1, "memory.grow(pages)")) return null;
                return expect(m.args().get(0), address, scope, "a page count") == null ? null : address;
            }
            default -> {
                for (Expr a : m.args()) value(a, null, scope);
                cx.error(m.pos(), "unknown memory operation '" + m.op() + "'; expected read, write, size or grow");
                return null;
            }
        }
    }

    /** Whether {@link #memory} accepted a write. */
    boolean memoryWriteOk(Expr.Memory m) {
        return cx.out.signatures.containsKey(m);
    }

    private boolean arity(Expr.Memory m, int n, String form) {
        if (m.called() && m.args().size() == n) return true;
        cx.error(m.pos(), "memory." + m.op() + " takes " + count(n, "argument") + ": " + form);
        return false;
    }

    static String count(int n, String noun) {
        if (n == 1) return n + " " + noun;
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
