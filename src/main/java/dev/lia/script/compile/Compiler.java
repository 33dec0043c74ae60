package dev.lia.script.compile;

import dev.lia.script.check.CheckedScript;
import dev.lia.script.check.Signature;
import dev.lia.script.syntax.Expr;
import dev.lia.script.syntax.ImportBinding;
import dev.lia.script.syntax.Pos;
import dev.lia.script.syntax.Script;
import dev.lia.script.syntax.Stmt;
import dev.lia.script.syntax.Type;
import dev.lia.script.value.Literals;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a checked script to a flat list of operations: structured control becomes branches to
 * operation indices, every value is computed on the operand stack, every operation keeps the
 * source position of the construct it came from.
 */
public final class Compiler {
    private final CheckedScript checked;
    private final List<Op> ops = new ArrayList<>();
    private final List<Pos> positions = new ArrayList<>();
    private final Conversions conversions = new Conversions(this);

    /** Branches to patch when the innermost loop's continue point and end are known. */
    private static final class Loop {
        final List<Integer> breaks = new ArrayList<>();
        final List<Integer> continues = new ArrayList<>();
    }

    private final List<Loop> loops = new ArrayList<>();
    /** The result types of the handler being compiled; null in the script's main body. */
    private List<Type> handlerResults;

    private Compiler(CheckedScript checked) {
        this.checked = checked;
    }

    public static Program compile(CheckedScript checked) {
        try {
            return new Compiler(checked).run();
        } catch (StackOverflowError e) {
            throw dev.lia.script.syntax.ScriptParser.tooDeep(checked.script().source());
        }
    }

    private Program run() {
        Script script = checked.script();
        for (Stmt s : script.body()) stmt(s);
        Pos end = new Pos(script.source().text().split("\r\n|\r|\n", -1).length, 1);
        emit(new Op(Code.RETURN, 0, null, List.of()), end);
        List<Program.Handler> handlers = new ArrayList<>();
        for (CheckedScript.HandlerInfo h : checked.handlers()) {
            int entry = ops.size();
            Script.Handler hs = h.handler();
            handlerResults = h.signature().results();
            for (Stmt s : hs.body().stmts()) stmt(s);
            if (h.signature().results().isEmpty()) emit(new Op(Code.RETURN, 0, null, List.of()), hs.body().pos());
            handlers.add(new Program.Handler(hs.module(), hs.name(), h.signature().params(), h.signature().results(), entry, h.slots()));
        }
        List<Program.Input> inputs = new ArrayList<>();
        for (CheckedScript.InputInfo in : checked.inputs()) inputs.add(new Program.Input(in.name(), in.type(), in.slot()));
        return new Program(script.source().name(), ops, positions, checked.mainSlots(), inputs, handlers);
    }

    // ---------------------------------------------------------------- emission

    int emit(Op op, Pos pos) {
        ops.add(op);
        positions.add(pos);
        return ops.size() - 1;
    }

    int emit(Code code, Pos pos) {
        return emit(Op.of(code), pos);
    }

    private int emit(Code code, long a, Pos pos) {
        return emit(Op.of(code, a), pos);
    }

    /** Points the branch at {@code at} to the next operation. */
    private void patchHere(int at) {
        ops.set(at, ops.get(at).withA(ops.size()));
    }

    private void patch(int at, int target) {
        ops.set(at, ops.get(at).withA(target));
    }

    // ---------------------------------------------------------------- statements

    private void stmt(Stmt s) {
        if (s instanceof Stmt.Input) return; // the VM stores inputs before the first operation
        if (s instanceof Stmt.Assign a) {
            assign(a);
        } else if (s instanceof Stmt.Eval e) {
            eval(e);
        } else if (s instanceof Stmt.If i) {
            condition(i.cond());
            int toElse = emit(Code.BR_UNLESS, i.pos());
            block(i.then());
            if (i.otherwise() != null) {
                int toEnd = emit(Code.BR, i.pos());
                patchHere(toElse);
                stmt(i.otherwise());
                patchHere(toEnd);
            } else {
                patchHere(toElse);
            }
        } else if (s instanceof Stmt.While w) {
            int top = ops.size();
            condition(w.cond());
            int exit = emit(Code.BR_UNLESS, w.pos());
            Loop loop = loop(w.body());
            emit(Code.BR, top, w.pos());
            patchHere(exit);
            for (int b : loop.breaks) patchHere(b);
            for (int c : loop.continues) patch(c, top);
        } else if (s instanceof Stmt.For f) {
            forLoop(f);
        } else if (s instanceof Stmt.Break b) {
            loops.get(loops.size() - 1).breaks.add(emit(Code.BR, b.pos()));
        } else if (s instanceof Stmt.Continue c) {
            loops.get(loops.size() - 1).continues.add(emit(Code.BR, c.pos()));
        } else if (s instanceof Stmt.Return r) {
            List<Type> types = new ArrayList<>();
            for (int i = 0; i < r.values().size(); i++) {
                Expr e = r.values().get(i);
                Type want = handlerResults == null ? checked.type(e) : handlerResults.get(i);
                value(e, want);
                types.add(want);
            }
            emit(new Op(Code.RETURN, r.values().size(), null, types), r.pos());
        } else if (s instanceof Stmt.Assert a) {
            condition(a.cond());
            int ok = emit(Code.BR_IF, a.pos());
            if (a.message() != null) value(a.message(), Type.OCTS);
            else emit(new Op(Code.OCTS_CONST, 0, java.util.HexFormat.of().formatHex("assertion failed".getBytes(java.nio.charset.StandardCharsets.UTF_8)), List.of()), a.pos());
            emit(Code.FAIL, a.pos());
            patchHere(ok);
        } else if (s instanceof Stmt.Fail f) {
            value(f.message(), Type.OCTS);
            emit(Code.FAIL, f.pos());
        } else {
            block((Stmt.Block) s);
        }
    }

    private void block(Stmt.Block b) {
        for (Stmt s : b.stmts()) stmt(s);
    }

    private Loop loop(Stmt.Block body) {
        Loop loop = new Loop();
        loops.add(loop);
        block(body);
        loops.remove(loops.size() - 1);
        return loop;
    }

    private void condition(Expr cond) {
        value(cond, Type.I32);
    }

    private void forLoop(Stmt.For f) {
        Type t = checked.type(f.from()) == Type.I64 || checked.type(f.to()) == Type.I64 ? Type.I64 : Type.I32;
        int var = checked.slot(f);
        int limit = checked.limitSlot(f);
        value(f.from(), t);
        emit(Code.LOCAL_SET, var, f.pos());
        value(f.to(), t);
        emit(Code.LOCAL_SET, limit, f.pos());
        int top = emit(Code.LOCAL_GET, var, f.pos());
        emit(Code.LOCAL_GET, limit, f.pos());
        emit(t == Type.I64 ? Code.I64_LT_S : Code.I32_LT_S, f.pos());
        int exit = emit(Code.BR_UNLESS, f.pos());
        Loop loop = loop(f.body());
        int next = emit(Code.LOCAL_GET, var, f.pos());
        emit(t == Type.I64 ? Code.I64_CONST : Code.I32_CONST, 1, f.pos());
        emit(t == Type.I64 ? Code.I64_ADD : Code.I32_ADD, f.pos());
        emit(Code.LOCAL_SET, var, f.pos());
        emit(Code.BR, top, f.pos());
        patchHere(exit);
        for (int b : loop.breaks) patchHere(b);
        for (int c : loop.continues) patch(c, next);
    }

    private void eval(Stmt.Eval e) {
        Expr x = e.expr();
        if (x instanceof Expr.Call c) {
            Signature sig = call(c);
            for (int i = 0; i < sig.results().size(); i++) emit(Code.DROP, c.pos());
        } else if (x instanceof Expr.Ext ext) {
            ext(ext, checked.signature(ext));
        } else if (x instanceof Expr.InstanceCall c) {
            instanceCall(c);
        } else if (x instanceof Expr.Instantiate i) {
            instantiate(i);
            emit(Code.DROP, i.pos());
        } else {
            Expr.Memory m = (Expr.Memory) x;
            if (m.op().equals("write")) {
                memoryWrite(m);
            } else {
                value(m, null);
                emit(Code.DROP, m.pos());
            }
        }
    }

    private void assign(Stmt.Assign a) {
        if (a.value() instanceof Expr.Ext || a.value() instanceof Expr.InstanceCall) {
            if (a.value() instanceof Expr.Ext ext) ext(ext, checked.signature(ext));
            else instanceCall((Expr.InstanceCall) a.value());
            for (int i = a.targets().size() - 1; i >= 0; i--) storeTarget(a.targets().get(i), a.pos());
        } else if (a.value() instanceof Expr.Instantiate i) {
            instantiate(i);
            storeTarget(a.targets().get(0), a.pos());
        } else if (a.value() instanceof Expr.Call c) {
            Signature sig = call(c);
            for (int i = a.targets().size() - 1; i >= 0; i--) store(a.targets().get(i), sig.results().get(i), a.pos());
        } else {
            value(a.value(), null);
            store(a.targets().get(0), checked.type(a.value()), a.pos());
        }
    }

    /** Stores the value on top of the stack (of type {@code from}), converting it for a declared type or widening it. */
    private void store(Stmt.Target t, Type from, Pos pos) {
        Type to = checked.targetType(t);
        boolean declared = t instanceof Stmt.VarTarget v && v.type() != null;
        if (declared) conversions.convert(from, Expr.Conversion.of(to.text), pos);
        else conversions.coerce(from, to, pos);
        storeTarget(t, pos);
    }

    private void storeTarget(Stmt.Target t, Pos pos) {
        if (t instanceof Stmt.VarTarget) {
            emit(Code.LOCAL_SET, checked.slot(t), pos);
        } else {
            emit(new Op(Code.GLOBAL_SET, 0, ((Stmt.GlobalTarget) t).name(), List.of(checked.targetType(t))), pos);
        }
    }

    // ---------------------------------------------------------------- expressions

    /** Computes an expression's value onto the stack, widened to {@code want} when that is given. */
    void value(Expr e, Type want) {
        Type t = checked.type(e);
        Pos pos = e.pos();
        if (e instanceof Expr.IntLit lit) {
            emitConst(t, Literals.intBits(lit.value(), t), pos);
        } else if (e instanceof Expr.FloatLit lit) {
            emitConst(t, Literals.floatBits(lit.text(), lit.negative(), t), pos);
        } else if (e instanceof Expr.OctsLit lit) {
            emit(new Op(Code.OCTS_CONST, 0, lit.hex(), List.of()), pos);
        } else if (e instanceof Expr.V128Lit v) {
            emit(new Op(Code.V128_CONST, 0, java.util.HexFormat.of().formatHex(v128Bytes(v)), List.of()), pos);
        } else if (e instanceof Expr.Lane l) {
            value(l.target(), null);
            value(l.index(), Type.I32);
            emit(new Op(Code.V128_LANE, 0, l.shape(), List.of()), pos);
        } else if (e instanceof Expr.Var v) {
            emit(Code.LOCAL_GET, checked.slot(v), pos);
        } else if (e instanceof Expr.Unary u) {
            unary(u, t);
        } else if (e instanceof Expr.Binary b) {
            new Operators(this, checked).binary(b, t);
        } else if (e instanceof Expr.Call c) {
            call(c);
        } else if (e instanceof Expr.Convert c) {
            value(c.operand(), null);
            conversions.convert(checked.type(c.operand()), c.to(), pos);
        } else if (e instanceof Expr.Memory m) {
            memory(m);
        } else if (e instanceof Expr.Table tb) {
            emit(Code.TABLE_SIZE, tb.table(), pos);
        } else if (e instanceof Expr.Global g) {
            emit(new Op(Code.GLOBAL_GET, 0, g.name(), List.of(t)), pos);
        } else if (e instanceof Expr.Property p) {
            value(p.target(), null);
            emit(Code.OCTS_LEN, pos);
        } else if (e instanceof Expr.Slice s) {
            value(s.target(), null);
            value(s.from(), Type.I32);
            value(s.to(), Type.I32);
            emit(Code.OCTS_SLICE, pos);
        } else if (e instanceof Expr.Index ix) {
            value(ix.target(), null);
            value(ix.index(), Type.I32);
            emit(Code.OCTS_AT, pos);
        } else {
            throw new IllegalStateException("not a value: " + e);
        }
        if (want != null) conversions.coerce(t, want, pos);
    }

    /** The 16 bytes of a checked v128 literal: each lane read as its lane type, as a literal there would be. */
    private static byte[] v128Bytes(Expr.V128Lit v) {
        dev.lia.script.value.LaneShape shape = dev.lia.script.value.LaneShape.byName(v.shape());
        long[] lanes = new long[shape.lanes];
        for (int i = 0; i < lanes.length; i++) {
            Expr lane = v.lanes().get(i);
            Type t = shape.width() == 8 && !shape.isFloat() ? Type.I64 : shape.isFloat() ? shape.laneType : Type.I32;
            lanes[i] = lane instanceof Expr.IntLit lit ? Literals.intBits(lit.value(), t)
                    : Literals.floatBits(((Expr.FloatLit) lane).text(), ((Expr.FloatLit) lane).negative(), t);
        }
        return shape.pack(lanes);
    }

    void emitConst(Type t, long bits, Pos pos) {
        Code c = switch (t) {
            case I32 -> Code.I32_CONST;
            case I64 -> Code.I64_CONST;
            case F32 -> Code.F32_CONST;
            case F64 -> Code.F64_CONST;
            case OCTS, INSTANCE, V128 -> throw new IllegalArgumentException();
        };
        emit(c, t.width() == 4 ? (int) bits : bits, pos);
    }

    private void unary(Expr.Unary u, Type t) {
        Pos pos = u.pos();
        switch (u.op()) {
            case NEG -> {
                if (t.isInt()) {
                    emitConst(t, 0, pos);
                    value(u.operand(), t);
                    emit(t == Type.I32 ? Code.I32_SUB : Code.I64_SUB, pos);
                } else {
                    value(u.operand(), t);
                    emit(t == Type.F32 ? Code.F32_NEG : Code.F64_NEG, pos);
                }
            }
            case NOT -> {
                value(u.operand(), null);
                emit(checked.type(u.operand()) == Type.I64 ? Code.I64_EQZ : Code.I32_EQZ, pos);
            }
            case BIT_NOT -> {
                value(u.operand(), t);
                emitConst(t, -1, pos);
                emit(t == Type.I32 ? Code.I32_XOR : Code.I64_XOR, pos);
            }
        }
    }

    private Signature call(Expr.Call c) {
        Signature sig = checked.signature(c);
        for (int i = 0; i < c.args().size(); i++) value(c.args().get(i), sig.params().get(i));
        List<Type> types = new ArrayList<>(sig.params());
        types.addAll(sig.results());
        emit(new Op(Code.CALL, sig.params().size(), c.name(), types), c.pos());
        return sig;
    }

    private void ext(Expr.Ext x, Signature sig) {
        for (Expr a : x.args()) value(a, null);
        List<Type> types = new ArrayList<>(sig.params());
        types.addAll(sig.results());
        emit(new Op(Code.EXT, sig.params().size(), x.name(), types), x.pos());
    }

    /** The instance, the arguments, the call; its results are those the assignment's targets want (none in a statement). */
    private void instanceCall(Expr.InstanceCall c) {
        Signature sig = checked.signature(c);
        emit(Code.LOCAL_GET, checked.slot(c), c.pos());
        for (Expr a : c.args()) value(a, null);
        List<Type> types = new ArrayList<>(sig.params());
        types.addAll(sig.results());
        emit(new Op(Code.INSTANCE_CALL, sig.params().size(), c.name(), types), c.pos());
    }

    private void instantiate(Expr.Instantiate i) {
        value(i.code(), Type.OCTS);
        List<ImportLinks.Link> links = new ArrayList<>();
        for (ImportBinding b : i.bindings()) links.add(link(b));
        emit(new Op(Code.INSTANTIATE, links.size(), links.isEmpty() ? null : ImportLinks.encode(links), List.of()), i.pos());
    }

    private ImportLinks.Link link(ImportBinding b) {
        ImportBinding.ExternRef e = b.extern();
        if (e instanceof ImportBinding.MemoryRef m) return new ImportLinks.Link(b.module(), b.name(), ImportLinks.Kind.MEMORY, m.index(), null);
        if (e instanceof ImportBinding.TableRef t) return new ImportLinks.Link(b.module(), b.name(), ImportLinks.Kind.TABLE, t.index(), null);
        if (e instanceof ImportBinding.GlobalRef g) return new ImportLinks.Link(b.module(), b.name(), ImportLinks.Kind.GLOBAL, 0, g.name());
        if (e instanceof ImportBinding.ExportRef x) return new ImportLinks.Link(b.module(), b.name(), ImportLinks.Kind.EXPORT, 0, x.name());
        ImportBinding.InstanceExportRef x = (ImportBinding.InstanceExportRef) e;
        return new ImportLinks.Link(b.module(), b.name(), ImportLinks.Kind.INSTANCE, checked.slot(x), x.name());
    }

    /**
     * A memory operation: {@code a} is the memory; {@code types} is [i64] on a 64-bit memory (its
     * addresses, sizes and page counts are i64) and empty on a 32-bit one (i32, taken as unsigned).
     */
    private Op memoryOp(Code code, int memory) {
        return new Op(code, memory, null, checked.memory64(memory) ? List.of(Type.I64) : List.of());
    }

    private Type addressType(int memory) {
        return checked.memory64(memory) ? Type.I64 : Type.I32;
    }

    private void memory(Expr.Memory m) {
        switch (m.op()) {
            case "read" -> {
                value(m.args().get(0), addressType(m.memory()));
                value(m.args().get(1), Type.I32);
                emit(memoryOp(Code.MEMORY_READ, m.memory()), m.pos());
            }
            case "size" -> emit(memoryOp(Code.MEMORY_SIZE, m.memory()), m.pos());
            case "grow" -> {
                value(m.args().get(0), addressType(m.memory()));
                emit(memoryOp(Code.MEMORY_GROW, m.memory()), m.pos());
            }
            default -> throw new IllegalStateException("memory." + m.op() + " is not a value");
        }
    }

    private void memoryWrite(Expr.Memory m) {
        Expr v = m.args().get(0);
        value(v, null);
        conversions.convert(checked.type(v), Expr.Conversion.OCTS, m.pos());
        value(m.args().get(1), addressType(m.memory()));
        emit(memoryOp(Code.MEMORY_WRITE, m.memory()), m.pos());
    }

    int here() {
        return ops.size();
    }

    void patchTo(int at, int target) {
        patch(at, target);
    }
}
