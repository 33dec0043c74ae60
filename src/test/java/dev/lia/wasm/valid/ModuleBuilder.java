package dev.lia.wasm.valid;

import dev.lia.wasm.syntax.DataSegment;
import dev.lia.wasm.syntax.ElementSegment;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.Expr;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Global;
import dev.lia.wasm.syntax.GlobalType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.SizeRange;
import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.MemoryType;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Names;
import dev.lia.wasm.syntax.SegmentMode;
import dev.lia.wasm.syntax.TableType;
import dev.lia.wasm.syntax.ValType;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link Module}s by hand for validator tests. Signatures are written as letters:
 * {@code "ii>I"} is (i32, i32) -> i64; i I f F V = i32 i64 f32 f64 v128, r = funcref, e = externref.
 */
final class ModuleBuilder {
    private final List<FuncType> types = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<DataSegment> datas = new ArrayList<>();
    private int start = -1;
    private int dataCount = -1;

    static ValType[] vals(String letters) {
        ValType[] out = new ValType[letters.length()];
        for (int i = 0; i < out.length; i++) out[i] = val(letters.charAt(i));
        return out;
    }

    static ValType val(char c) {
        return switch (c) {
            case 'i' -> ValType.I32;
            case 'I' -> ValType.I64;
            case 'f' -> ValType.F32;
            case 'F' -> ValType.F64;
            case 'V' -> ValType.V128;
            case 'r' -> ValType.FUNCREF;
            case 'e' -> ValType.EXTERNREF;
            default -> throw new IllegalArgumentException("type letter " + c);
        };
    }

    static FuncType sig(String s) {
        int arrow = s.indexOf('>');
        return FuncType.of(vals(s.substring(0, arrow)), vals(s.substring(arrow + 1)));
    }

    static Expr expr(Instruction... ins) {
        return new Expr(List.of(ins));
    }

    /** Adds a type (always a new entry) and returns its index. */
    int type(String signature) {
        types.add(sig(signature));
        return types.size() - 1;
    }

    private int typeIndexOf(String signature) {
        FuncType t = sig(signature);
        int i = types.indexOf(t);
        if (i >= 0) return i;
        types.add(t);
        return types.size() - 1;
    }

    ModuleBuilder importFunc(String signature) {
        imports.add(new Import("env", "f" + imports.size(), new Import.Func(typeIndexOf(signature))));
        return this;
    }

    ModuleBuilder importFuncType(int typeIndex) {
        imports.add(new Import("env", "f" + imports.size(), new Import.Func(typeIndex)));
        return this;
    }

    ModuleBuilder importGlobal(char type, boolean mutable) {
        imports.add(new Import("env", "g" + imports.size(), new Import.Global(new GlobalType(val(type), mutable))));
        return this;
    }

    ModuleBuilder importMemory(long min, long max) {
        imports.add(new Import("env", "m" + imports.size(), new Import.Memory(new MemoryType(new SizeRange(min, max)))));
        return this;
    }

    ModuleBuilder importTable(char type, long min, long max) {
        imports.add(new Import("env", "t" + imports.size(),
                new Import.Table(new TableType(val(type), new SizeRange(min, max)))));
        return this;
    }

    /** A defined function with the given signature, extra locals (letters) and body. */
    ModuleBuilder func(String signature, String locals, Instruction... body) {
        return funcType(typeIndexOf(signature), locals, body);
    }

    ModuleBuilder func(String signature, Instruction... body) {
        return func(signature, "", body);
    }

    ModuleBuilder funcType(int typeIndex, String locals, Instruction... body) {
        functions.add(typeIndex);
        List<Local> ls = new ArrayList<>();
        for (ValType t : vals(locals)) ls.add(new Local(1, t));
        int end = body.length == 0 ? 0 : body[body.length - 1].offset + 1;
        codes.add(new FunctionBody(ls, new Expr(List.of(body)), 0, end));
        return this;
    }

    /** A function whose body declares raw local runs. */
    ModuleBuilder funcLocals(String signature, List<Local> locals, Instruction... body) {
        functions.add(typeIndexOf(signature));
        codes.add(new FunctionBody(locals, new Expr(List.of(body)), 0, 999_999));
        return this;
    }

    ModuleBuilder table(char type, long min, long max) {
        tables.add(new TableType(val(type), new SizeRange(min, max)));
        return this;
    }

    ModuleBuilder table(char type, long min) {
        return table(type, min, SizeRange.NO_MAX);
    }

    ModuleBuilder memory(long min, long max) {
        memories.add(new MemoryType(new SizeRange(min, max)));
        return this;
    }

    ModuleBuilder memory(long min) {
        return memory(min, SizeRange.NO_MAX);
    }

    ModuleBuilder global(char type, boolean mutable, Instruction... init) {
        globals.add(new Global(new GlobalType(val(type), mutable), expr(init)));
        return this;
    }

    ModuleBuilder export(String name, ExternKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    ModuleBuilder start(int funcIndex) {
        start = funcIndex;
        return this;
    }

    ModuleBuilder activeElem(char type, int table, Expr offset, Expr... init) {
        elements.add(new ElementSegment(val(type), List.of(init), SegmentMode.ACTIVE, table, offset));
        return this;
    }

    ModuleBuilder elem(char type, SegmentMode mode, Expr... init) {
        elements.add(new ElementSegment(val(type), List.of(init), mode, 0, null));
        return this;
    }

    ModuleBuilder activeData(int memory, Expr offset, byte... bytes) {
        datas.add(new DataSegment(bytes, SegmentMode.ACTIVE, memory, offset));
        dataCount = datas.size();
        return this;
    }

    ModuleBuilder passiveData(byte... bytes) {
        datas.add(new DataSegment(bytes, SegmentMode.PASSIVE, 0, null));
        dataCount = datas.size();
        return this;
    }

    Module build() {
        return new Module(types, imports, functions, tables, memories, globals, exports, start, elements,
                dataCount, codes, datas, List.of(), Names.EMPTY);
    }
}
