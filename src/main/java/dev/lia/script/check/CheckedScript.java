package dev.lia.script.check;

import dev.lia.script.syntax.Expr;
import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Script;
import dev.lia.script.syntax.Stmt;
import dev.lia.script.syntax.Type;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A script that passed the checker, with what the checker learned, keyed by AST node identity:
 * the type of every expression, the variable slot of every name, the signature of every call and
 * request. The compiler reads only this.
 */
public final class CheckedScript {
    /** A script input: {@code import T name}. */
    public record InputInfo(String name, Type type, int slot, Pos pos) {}

    /** An import handler with its signature and how many variable slots its frame needs. */
    public record HandlerInfo(Script.Handler handler, Signature signature, int slots) {}

    private final Script script;
    final Map<Expr, Type> types = new IdentityHashMap<>();
    final Map<Object, Integer> slots = new IdentityHashMap<>();
    final Map<Stmt.For, Integer> limitSlots = new IdentityHashMap<>();
    final Map<Object, Signature> signatures = new IdentityHashMap<>();
    final Map<Stmt.Target, Type> targetTypes = new IdentityHashMap<>();
    final List<InputInfo> inputs = new java.util.ArrayList<>();
    final List<HandlerInfo> handlers = new java.util.ArrayList<>();
    int mainSlots;
    /** The memories the script addresses that are 64-bit (memory64): their addresses, sizes and page counts are i64. */
    final java.util.Set<Integer> memories64 = new java.util.HashSet<>();

    CheckedScript(Script script) {
        this.script = script;
    }

    /** Whether memory {@code k}, which the script uses, takes i64 addresses. */
    public boolean memory64(int k) {
        return memories64.contains(k);
    }

    public Script script() {
        return script;
    }

    /** The type of a value expression. */
    public Type type(Expr e) {
        Type t = types.get(e);
        if (t == null) throw new IllegalStateException("unchecked expression at " + e.pos());
        return t;
    }

    /** The variable slot of a {@link Expr.Var}, {@link Stmt.VarTarget}, {@link Stmt.Input}, {@link Stmt.For} or {@link Script.Param}. */
    public int slot(Object node) {
        Integer s = slots.get(node);
        if (s == null) throw new IllegalStateException("no slot for " + node);
        return s;
    }

    /** The hidden slot holding a for loop's upper bound. */
    public int limitSlot(Stmt.For loop) {
        return limitSlots.get(loop);
    }

    /** The signature of a {@link Expr.Call} (the export's) or of an {@link Expr.Ext} (argument and answer types). */
    public Signature signature(Expr e) {
        return signatures.get(e);
    }

    /** The type of the variable or global an assignment target stores to. */
    public Type targetType(Stmt.Target t) {
        return targetTypes.get(t);
    }

    public List<InputInfo> inputs() {
        return List.copyOf(inputs);
    }

    public List<HandlerInfo> handlers() {
        return List.copyOf(handlers);
    }

    public int mainSlots() {
        return mainSlots;
    }
}
