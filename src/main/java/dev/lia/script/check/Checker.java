package dev.lia.script.check;

import dev.lia.script.syntax.CompileException;
import dev.lia.script.syntax.Expr;
import dev.lia.script.syntax.Script;
import dev.lia.script.syntax.Stmt;
import dev.lia.script.syntax.Type;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.GlobalType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a script against a module: names, scopes, types, arity, exports, imports. Reports every
 * error it finds (as one {@link CompileException}) or returns what the compiler needs.
 */
public final class Checker {
    private final Context cx;
    private final ExpressionChecker exprs;

    private Checker(Script script, ModuleInfo module) {
        this.cx = new Context(module, new CheckedScript(script));
        this.exprs = new ExpressionChecker(cx);
    }

    public static CheckedScript check(Script script, ModuleInfo module) {
        Checker c = new Checker(script, module);
        try {
            c.run();
        } catch (StackOverflowError e) {
            throw dev.lia.script.syntax.ScriptParser.tooDeep(script.source());
        }
        if (!c.cx.errors.isEmpty()) throw new CompileException(script.source(), c.cx.errors);
        return c.cx.out;
    }

    private void run() {
        Script script = cx.out.script();
        Scope main = Scope.frame(null);
        for (Stmt s : script.body()) stmt(s, main);
        cx.out.mainSlots = main.frame.slots;
        Map<String, Script.Handler> seen = new HashMap<>();
        for (Script.Handler h : script.handlers()) {
            Script.Handler earlier = seen.putIfAbsent(h.qualifiedName(), h);
            if (earlier != null) {
                cx.error(h.pos(), "a handler for " + h.qualifiedName() + " is already defined at " + earlier.pos());
                continue;
            }
            handler(h);
        }
    }

    // ---------------------------------------------------------------- handlers

    private void handler(Script.Handler h) {
        Signature declared = new Signature(h.params().stream().map(Script.Param::type).toList(), h.results());
        FuncType imported = cx.module.functionImport(h.qualifiedName());
        if (imported == null) {
            cx.error(h.pos(), "the module imports no function " + h.qualifiedName() + "; its function imports are: "
                    + Context.names(cx.module.functionImportNames(), 12));
        } else if (!declared.equals(Signature.of(imported))) {
            cx.error(h.pos(), "the handler's type " + declared + " does not match the import " + h.qualifiedName()
                    + ", which is " + describe(imported));
        }
        Scope scope = Scope.frame(h.results());
        for (Script.Param p : h.params()) {
            Scope.Variable earlier = scope.lookup(p.name());
            if (earlier != null) cx.error(p.pos(), "parameter '" + p.name() + "' is declared twice");
            cx.out.slots.put(p, scope.declare(p.name(), p.type(), p.pos()).slot());
        }
        block(h.body(), scope);
        if (!h.results().isEmpty() && !alwaysLeaves(h.body().stmts())) {
            cx.error(h.pos(), "the handler for " + h.qualifiedName() + " must end in return (or fail) on every path: it returns "
                    + Signature.list(h.results()));
        }
        cx.out.handlers.add(new CheckedScript.HandlerInfo(h, declared, scope.frame.slots));
    }

    private static String describe(FuncType f) {
        Signature s = Signature.of(f);
        return s != null ? s.toString() : f.toString();
    }

    /** Whether control cannot fall off the end of these statements. */
    private static boolean alwaysLeaves(List<Stmt> stmts) {
        if (stmts.isEmpty()) return false;
        Stmt last = stmts.get(stmts.size() - 1);
        if (last instanceof Stmt.Return || last instanceof Stmt.Fail) return true;
        if (last instanceof Stmt.Block b) return alwaysLeaves(b.stmts());
        if (last instanceof Stmt.If i) {
            if (i.otherwise() == null || !alwaysLeaves(i.then().stmts())) return false;
            return alwaysLeaves(List.of(i.otherwise()));
        }
        return false;
    }

    // ---------------------------------------------------------------- statements

    private void block(Stmt.Block b, Scope scope) {
        for (Stmt s : b.stmts()) stmt(s, scope);
    }

    private void stmt(Stmt s, Scope scope) {
        if (s instanceof Stmt.Input in) {
            Scope.Variable earlier = scope.lookup(in.name());
            if (earlier != null) {
                cx.error(in.pos(), "'" + in.name() + "' is already declared at " + earlier.declared());
                return;
            }
            Scope.Variable v = scope.declare(in.name(), in.type(), in.pos());
            cx.out.slots.put(in, v.slot());
            cx.out.inputs.add(new CheckedScript.InputInfo(in.name(), in.type(), v.slot(), in.pos()));
        } else if (s instanceof Stmt.Assign a) {
            assign(a, scope);
        } else if (s instanceof Stmt.Eval e) {
            eval(e, scope);
        } else if (s instanceof Stmt.If i) {
            condition(i.cond(), scope);
            block(i.then(), scope.child());
            if (i.otherwise() != null) stmt(i.otherwise(), scope.child());
        } else if (s instanceof Stmt.While w) {
            condition(w.cond(), scope);
            loopBody(w.body(), scope.child());
        } else if (s instanceof Stmt.For f) {
            forLoop(f, scope);
        } else if (s instanceof Stmt.Break || s instanceof Stmt.Continue) {
            if (scope.frame.loops == 0) cx.error(s.pos(), (s instanceof Stmt.Break ? "break" : "continue") + " outside a loop");
        } else if (s instanceof Stmt.Return r) {
            ret(r, scope);
        } else if (s instanceof Stmt.Assert a) {
            condition(a.cond(), scope);
            if (a.message() != null) exprs.expect(a.message(), Type.OCTS, scope, "an assert message");
        } else if (s instanceof Stmt.Fail f) {
            exprs.expect(f.message(), Type.OCTS, scope, "a fail message");
        } else {
            block((Stmt.Block) s, scope.child());
        }
    }

    private void condition(Expr cond, Scope scope) {
        Type t = exprs.value(cond, Type.I32, scope);
        if (t != null && t != Type.I32) cx.error(cond.pos(), "a condition must be i32, got " + t + (t == Type.I64 ? " (compare it: x != 0)" : ""));
    }

    private void loopBody(Stmt.Block body, Scope scope) {
        scope.frame.loops++;
        block(body, scope);
        scope.frame.loops--;
    }

    private void forLoop(Stmt.For f, Scope scope) {
        Type from;
        Type to;
        if (ExpressionChecker.isLiteral(f.from()) && !ExpressionChecker.isLiteral(f.to())) {
            to = exprs.value(f.to(), null, scope);
            from = exprs.value(f.from(), to, scope);
        } else {
            from = exprs.value(f.from(), null, scope);
            to = exprs.value(f.to(), from, scope);
        }
        Type t = null;
        if (from != null && to != null) {
            if (!from.isInt() || !to.isInt()) cx.error(f.pos(), "the bounds of a for loop must be integers, got " + from + " and " + to);
            else t = ExpressionChecker.unify(from, to);
        }
        Scope.Variable earlier = scope.lookup(f.var());
        if (earlier != null) {
            cx.error(f.varPos(), "'" + f.var() + "' is already declared at " + earlier.declared() + "; a for loop declares a new variable");
        }
        Scope inner = scope.child();
        Scope.Variable v = inner.declare(f.var(), t == null ? Type.I32 : t, f.varPos());
        cx.out.slots.put(f, v.slot());
        cx.out.limitSlots.put(f, inner.hiddenSlot());
        cx.out.types.put(f.from(), from == null ? Type.I32 : from);
        cx.out.types.put(f.to(), to == null ? Type.I32 : to);
        loopBody(f.body(), inner.child());
    }

    private void ret(Stmt.Return r, Scope scope) {
        List<Type> want = scope.frame.handlerResults;
        if (want == null) {
            for (Expr e : r.values()) exprs.value(e, null, scope);
            return;
        }
        if (r.values().size() != want.size()) {
            for (Expr e : r.values()) exprs.value(e, null, scope);
            cx.error(r.pos(), "this handler returns " + (want.isEmpty() ? "nothing" : Signature.list(want))
                    + ", but the return gives " + ExpressionChecker.count(r.values().size(), "value"));
            return;
        }
        for (int i = 0; i < want.size(); i++) exprs.expect(r.values().get(i), want.get(i), scope, "return value " + (i + 1));
    }

    private void eval(Stmt.Eval e, Scope scope) {
        Expr x = e.expr();
        if (x instanceof Expr.Call c) {
            exprs.call(c, scope);
        } else if (x instanceof Expr.Ext ext) {
            List<Type> args = exprs.extArgs(ext, scope);
            if (args != null) cx.out.signatures.put(ext, new Signature(args, List.of()));
        } else if (x instanceof Expr.InstanceCall c) {
            List<Type> args = exprs.instanceCall(c, scope);
            if (args != null) cx.out.signatures.put(c, new Signature(args, List.of()));
        } else if (x instanceof Expr.Instantiate i) {
            exprs.instantiate(i, scope);
        } else if (x instanceof Expr.Memory m) {
            Type t = exprs.memory(m, scope);
            if (t != null) cx.out.types.put(m, t);
            if (t != null && !m.op().equals("grow")) cx.error(x.pos(), "memory." + m.op() + " does nothing here: its value is not used");
        } else {
            Type t = exprs.value(x, null, scope);
            if (t != null) cx.error(x.pos(), "this " + t + " value is not used; a statement is a call, an assignment, ext, or memory.write");
        }
    }

    // ---------------------------------------------------------------- assignment

    private void assign(Stmt.Assign a, Scope scope) {
        List<Stmt.Target> targets = a.targets();
        Set<String> names = new HashSet<>();
        for (Stmt.Target t : targets) {
            String key = t instanceof Stmt.VarTarget v ? v.name() : "global." + ((Stmt.GlobalTarget) t).name();
            if (!names.add(key)) cx.error(t.pos(), "'" + key + "' is assigned twice in one statement");
        }
        if (a.value() instanceof Expr.Ext ext) {
            assignAnswers(targets, ext, exprs.extArgs(ext, scope), "an ext answer", "ext " + ext.name(), false, scope);
        } else if (a.value() instanceof Expr.InstanceCall c) {
            assignAnswers(targets, c, exprs.instanceCall(c, scope), "a result of an instance's export",
                    c.instance() + "." + c.name(), true, scope);
        } else if (a.value() instanceof Expr.Instantiate i) {
            assignInstance(targets, i, scope);
        } else if (targets.size() > 1 || a.value() instanceof Expr.Call) {
            if (!(a.value() instanceof Expr.Call c)) {
                exprs.value(a.value(), null, scope);
                cx.error(a.value().pos(), "several targets need a call or ext that gives several values");
                return;
            }
            Signature sig = exprs.call(c, scope);
            if (sig == null) {
                declareUnknown(targets, scope);
                return;
            }
            if (sig.results().isEmpty()) {
                cx.error(c.pos(), "'" + c.name() + "' returns no value");
                declareUnknown(targets, scope);
                return;
            }
            if (sig.results().size() != targets.size()) {
                cx.error(a.pos(), "'" + c.name() + "' returns " + ExpressionChecker.count(sig.results().size(), "value")
                        + (sig.results().isEmpty() ? "" : " (" + Signature.list(sig.results()) + ")")
                        + ", but there " + (targets.size() == 1 ? "is 1 target" : "are " + targets.size() + " targets"));
                declareUnknown(targets, scope);
                return;
            }
            for (int i = 0; i < targets.size(); i++) store(targets.get(i), sig.results().get(i), false, scope);
        } else {
            Stmt.Target t = targets.get(0);
            Type hint = targetType(t, scope);
            Type v = exprs.value(a.value(), hint, scope);
            if (v == null) {
                declareUnknown(targets, scope);
                return;
            }
            store(t, v, false, scope);
        }
    }

    /** The type a target already has (declared, existing variable or global), or null for a new untyped name. */
    private Type targetType(Stmt.Target t, Scope scope) {
        if (t instanceof Stmt.VarTarget v) {
            if (v.type() != null) return v.type();
            Scope.Variable var = scope.lookup(v.name());
            return var == null ? null : var.type();
        }
        GlobalType g = cx.module.exportedGlobal(((Stmt.GlobalTarget) t).name());
        return g == null ? null : Type.of(g.type());
    }

    /**
     * Stores a value of type {@code value} into a target, declaring a new variable if needed. A
     * declared type converts ({@code i32 r = memory.read(p, 4)}) unless {@code exact}; otherwise the
     * value must be assignable.
     */
    private void store(Stmt.Target target, Type value, boolean exact, Scope scope) {
        if (target instanceof Stmt.GlobalTarget g) {
            GlobalType gt = cx.module.exportedGlobal(g.name());
            if (gt == null) {
                exprs.unknownGlobal(g.pos(), g.name());
                return;
            }
            Type t = Type.of(gt.type());
            if (t == null) {
                cx.error(g.pos(), "global '" + g.name() + "' has type " + gt.type() + ", which Lia has no values of");
            } else if (!gt.mutable()) {
                cx.error(g.pos(), "global '" + g.name() + "' is immutable");
            } else if (exact ? value != t : !ExpressionChecker.assignable(value, t)) {
                cx.error(g.pos(), "global '" + g.name() + "' is " + t + "; cannot assign " + value);
            } else {
                cx.out.targetTypes.put(g, t);
            }
            return;
        }
        Stmt.VarTarget v = (Stmt.VarTarget) target;
        Scope.Variable existing = scope.lookup(v.name());
        if (existing != null) {
            if (v.type() != null && v.type() != existing.type()) {
                cx.error(v.pos(), "'" + v.name() + "' is declared as " + existing.type() + " at " + existing.declared()
                        + "; it cannot be redeclared as " + v.type());
                return;
            }
            if (v.type() != null && !exact && !ExpressionChecker.convertible(value, v.type())) {
                cx.error(v.pos(), "'" + v.name() + "' is " + v.type() + "; " + article(value) + " does not convert to it"
                        + " (a v128 converts only to and from octs)");
                return;
            }
            if (v.type() == null || exact) {
                if (exact ? value != existing.type() : !ExpressionChecker.assignable(value, existing.type())) {
                    cx.error(v.pos(), "'" + v.name() + "' is " + existing.type() + " (declared at " + existing.declared()
                            + "); cannot assign " + value + (value.isNumber() && existing.type().isNumber() || value == Type.OCTS || existing.type() == Type.OCTS
                            ? " (convert it explicitly: " + existing.type() + "(...))" : ""));
                    return;
                }
            }
            cx.out.slots.put(v, existing.slot());
            cx.out.targetTypes.put(v, existing.type());
            return;
        }
        Type t = v.type() != null ? v.type() : value;
        if (!exact && !ExpressionChecker.convertible(value, t)) {
            cx.error(v.pos(), "'" + v.name() + "' is declared " + t + "; " + article(value) + " does not convert to it"
                    + " (a v128 converts only to and from octs)");
            return;
        }
        if (exact && t != value) {
            cx.error(v.pos(), "an ext answer is " + t + " here, so it cannot also be " + value);
            return;
        }
        Scope.Variable nv = scope.declare(v.name(), t, v.pos());
        cx.out.slots.put(v, nv.slot());
        cx.out.targetTypes.put(v, t);
    }

    private static String article(Type t) {
        return t == Type.OCTS ? "octs" : t == Type.V128 ? "a v128" : "an " + t;
    }

    /** After an error in the value: declare new untyped names anyway (as i32) so later uses do not cascade. */
    private void declareUnknown(List<Stmt.Target> targets, Scope scope) {
        for (Stmt.Target t : targets) {
            if (t instanceof Stmt.VarTarget v && scope.lookup(v.name()) == null) {
                scope.declare(v.name(), v.type() != null ? v.type() : Type.I32, v.pos());
            }
        }
    }

    /**
     * {@code [T] x, [T] y = ext name(args)} and {@code [T] x = inst.f(args)}: values whose types are
     * known only when they come, so each takes its target's type. {@code args} are the argument
     * types (null after an error); {@code what} and {@code form} name the value in messages;
     * {@code numbers}: the values come from wasm, so octs cannot be among them.
     */
    private void assignAnswers(List<Stmt.Target> targets, Expr value, List<Type> args, String what, String form, boolean numbers,
                               Scope scope) {
        List<Type> results = new ArrayList<>();
        boolean ok = args != null;
        for (Stmt.Target t : targets) {
            Type type = targetType(t, scope);
            if (numbers && type == Type.OCTS) {
                cx.error(t.pos(), "'" + ((Stmt.VarTarget) t).name() + "' is octs; " + what + " is a number");
                ok = false;
                continue;
            }
            if (type == null || type == Type.INSTANCE) {
                if (type == Type.INSTANCE) {
                    cx.error(t.pos(), "'" + ((Stmt.VarTarget) t).name() + "' is an instance; " + what + " is a value");
                } else if (t instanceof Stmt.VarTarget v) {
                    cx.error(t.pos(), "'" + v.name() + "' needs a type: " + what + " has the type of its target, e.g. i32 "
                            + v.name() + " = " + form + "(...)");
                } else {
                    exprs.unknownGlobal(t.pos(), ((Stmt.GlobalTarget) t).name());
                }
                ok = false;
                declareUnknown(List.of(t), scope);
                continue;
            }
            results.add(type);
            store(t, type, true, scope);
        }
        if (ok) cx.out.signatures.put(value, new Signature(args, results));
    }

    /** {@code name = instantiate(...)}: the one target is a variable of type instance. */
    private void assignInstance(List<Stmt.Target> targets, Expr.Instantiate i, Scope scope) {
        exprs.instantiate(i, scope);
        Stmt.Target t = targets.get(0);
        if (targets.size() > 1) {
            cx.error(targets.get(1).pos(), "instantiate gives one instance; assign it to one name");
        } else if (t instanceof Stmt.GlobalTarget g) {
            cx.error(g.pos(), "instantiate gives an instance, which a global cannot hold");
        } else if (((Stmt.VarTarget) t).type() != null) {
            cx.error(t.pos(), "instantiate gives an instance; write " + ((Stmt.VarTarget) t).name() + " = instantiate(...) without a type");
        } else {
            store(t, Type.INSTANCE, false, scope);
        }
    }
}
