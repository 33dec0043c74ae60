package dev.lia.wasm.valid;

import dev.lia.wasm.InvalidException;
import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import java.util.HashSet;
import java.util.Set;

/**
 * Validates a whole module against the WebAssembly 2.0 rules. Checks run in the reference
 * interpreter's order (imports, globals, tables, memories, segments, code, start, exports), so a
 * module with several faults reports the one the spec suite expects.
 */
public final class Validator {
    /** 65536 pages of 64 KiB: 4 GiB. */
    static final long MAX_PAGES = 1L << 16;
    /** memory64: 2^48 pages of 64 KiB, 2^64 bytes. */
    static final long MAX_PAGES_64 = 1L << 48;
    static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

    private Validator() {}

    /** Throws {@link InvalidException} describing the first rule {@code m} breaks. */
    public static void validate(Module m) {
        ModuleContext ctx = ModuleContext.of(m);
        TypeChecks.checkTypeSection(ctx, m.typeSection());
        for (Import imp : m.imports()) {
            if (imp.desc() instanceof Import.Table t) {
                checkTable(t.type());
                ctx.checkType(t.type().elemType(), -1);
            } else if (imp.desc() instanceof Import.Memory mem) {
                checkMemory(mem.type());
            } else if (imp.desc() instanceof Import.Global g) {
                ctx.checkType(g.type().type(), -1);
            }
        }
        for (int t = 0; t < ctx.tagCount(); t++) checkTag(ctx.tag(t, -1));
        int globalsInScope = ctx.globalCount() - m.globals().size();
        for (Global g : m.globals()) {
            ctx.checkType(g.type().type(), -1);
            ConstExprs.check(ctx, g.init(), g.type().type(), globalsInScope++);
        }
        for (TableType t : m.tables()) {
            checkTable(t);
            ctx.checkType(t.elemType(), -1);
            // 3.0: a table of non-nullable references needs an initializer; one with an initializer must give its type
            if (t.init() != null) ConstExprs.check(ctx, t.init(), t.elemType(), ctx.globalCount() - m.globals().size());
            else if (!t.elemType().nullable) throw new InvalidException("type mismatch: table of non-nullable references without an initializer", -1);
        }
        for (MemoryType mem : m.memories()) checkMemory(mem);
        for (ElementSegment e : m.elements()) checkElem(ctx, e);
        for (DataSegment d : m.datas()) checkData(ctx, d);
        checkCode(ctx, m);
        if (m.start() >= 0) {
            FuncType t = ctx.func(m.start(), -1);
            if (!t.params().isEmpty() || !t.results().isEmpty()) throw new InvalidException("start function", -1);
        }
        checkExports(ctx, m);
    }

    /** Validates one function body; {@code funcIndex} counts imported functions too. */
    public static void validateFunction(ModuleContext ctx, int funcIndex, FunctionBody body) {
        InstructionTyper typer = new InstructionTyper(ctx, ctx.func(funcIndex, body.offset()), body.locals());
        for (Instruction ins : body.body().instructions()) typer.step(ins);
        typer.finish(body.endOffset());
    }

    private static void checkCode(ModuleContext ctx, Module m) {
        if (m.codes().size() != m.functions().size()) {
            throw new InvalidException("function and code section have inconsistent lengths", -1);
        }
        int imported = ctx.funcCount() - m.functions().size();
        for (int i = 0; i < m.codes().size(); i++) validateFunction(ctx, imported + i, m.codes().get(i));
    }

    /** A tag's type describes an exception's payload: it has no results. */
    private static void checkTag(FuncType t) {
        if (!t.results().isEmpty()) throw new InvalidException("non-empty tag result type", -1);
    }

    private static void checkTable(TableType t) {
        if (t.is64()) checkLimits(t.limits(), Long.MAX_VALUE, "table size must be at most 2^64-1");
        else checkLimits(t.limits(), MAX_TABLE_SIZE, "table size must be at most 2^32-1");
    }

    private static void checkMemory(MemoryType mem) {
        if (mem.is64()) checkLimits(mem.limits(), MAX_PAGES_64, "memory size must be at most 2^48 pages (16 EiB)");
        else checkLimits(mem.limits(), MAX_PAGES, "memory size must be at most 65536 pages (4GiB)");
    }

    private static void checkLimits(SizeRange l, long range, String tooBig) {
        if (l.min() < 0 || l.min() > range) throw new InvalidException(tooBig, -1);
        if (!l.hasMax()) return;
        if (l.max() > range) throw new InvalidException(tooBig, -1);
        if (l.min() > l.max()) throw new InvalidException("size minimum must not be greater than maximum", -1);
    }

    private static void checkElem(ModuleContext ctx, ElementSegment e) {
        ctx.checkType(e.type(), -1);
        for (var init : e.init()) ConstExprs.check(ctx, init, e.type());
        if (e.mode() == SegmentMode.ACTIVE) {
            TableType t = ctx.table(e.table(), -1);
            ConstExprs.check(ctx, e.offset(), t.indexType());
            if (!ctx.matches(e.type(), t.elemType())) throw new InvalidException("type mismatch", -1);
        }
    }

    private static void checkData(ModuleContext ctx, DataSegment d) {
        if (d.mode() == SegmentMode.ACTIVE) {
            MemoryType mem = ctx.memory(d.memory(), -1);
            ConstExprs.check(ctx, d.offset(), mem.addressType());
        }
    }

    private static void checkExports(ModuleContext ctx, Module m) {
        Set<String> names = new HashSet<>();
        for (Export e : m.exports()) {
            switch (e.kind()) {
                case FUNC -> ctx.func(e.index(), -1);
                case TABLE -> ctx.table(e.index(), -1);
                case MEMORY -> ctx.memory(e.index(), -1);
                case GLOBAL -> ctx.global(e.index(), -1);
                case TAG -> ctx.tag(e.index(), -1);
            }
            if (!names.add(e.name())) throw new InvalidException("duplicate export name", -1);
        }
    }
}
