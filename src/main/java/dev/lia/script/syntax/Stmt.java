package dev.lia.script.syntax;

import java.util.List;

/** Statements of the AST. */
public sealed interface Stmt {
    Pos pos();

    /** {@code import T name}: a script input (top level only). */
    record Input(Pos pos, Type type, String name) implements Stmt {}

    /** {@code [T] a, [T] b = value}; one target is the ordinary assignment. */
    record Assign(Pos pos, List<Target> targets, Expr value) implements Stmt {
        public Assign {
            targets = List.copyOf(targets);
        }
    }

    /** An expression for its effect: a call, {@code ext}, {@code memory.write}... */
    record Eval(Pos pos, Expr expr) implements Stmt {}

    /** {@code if cond {..} else ..}; {@code otherwise} is null, a {@link Block} or another {@link If}. */
    record If(Pos pos, Expr cond, Block then, Stmt otherwise) implements Stmt {}

    record While(Pos pos, Expr cond, Block body) implements Stmt {}

    /** {@code for var in from .. to {..}}: half-open, counting up by one. */
    record For(Pos pos, Pos varPos, String var, Expr from, Expr to, Block body) implements Stmt {}

    record Break(Pos pos) implements Stmt {}

    record Continue(Pos pos) implements Stmt {}

    record Return(Pos pos, List<Expr> values) implements Stmt {
        public Return {
            values = List.copyOf(values);
        }
    }

    /** {@code assert cond[, message]}. */
    record Assert(Pos pos, Expr cond, Expr message) implements Stmt {}

    record Fail(Pos pos, Expr message) implements Stmt {}

    record Block(Pos pos, List<Stmt> stmts) implements Stmt {
        public Block {
            stmts = List.copyOf(stmts);
        }
    }

    /** Where an assignment stores. */
    sealed interface Target {
        Pos pos();
    }

    /** A variable, with its declared type or null. */
    record VarTarget(Pos pos, Type type, String name) implements Target {}

    record GlobalTarget(Pos pos, String name) implements Target {}
}
