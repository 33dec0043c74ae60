package dev.lia.wasm.debug;

import dev.lia.wasm.compile.CompiledFunction;
import dev.lia.wasm.compile.ModuleCompiler;
import dev.lia.wasm.syntax.Export;
import dev.lia.wasm.syntax.ExternKind;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.FunctionBody;
import dev.lia.wasm.syntax.Instruction;
import dev.lia.wasm.syntax.Local;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.Opcode;
import dev.lia.wasm.syntax.ValType;
import dev.lia.wasm.valid.InstructionTyper;
import dev.lia.wasm.valid.ModuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a debugger knows about a module beyond its code: function names, every instruction by byte
 * offset and as text, the operand types before each instruction, the local types and names, the
 * source lines (DWARF), and the debug code of each function (compiled on demand, once).
 */
public final class DebugInfo {
    private final Module module;
    private final SourceMap sources;
    private final List<FuncType> funcTypes;
    private final int imported;
    private final List<Instruction>[] instructions;
    private final ValType[][][] operandTypes;
    private final CompiledFunction[] debugCode;
    private ModuleContext context;

    @SuppressWarnings("unchecked")
    private DebugInfo(Module module, SourceMap sources) {
        this.module = module;
        this.sources = sources;
        this.funcTypes = ModuleCompiler.functionTypes(module);
        this.imported = module.importCount(ExternKind.FUNC);
        this.instructions = new List[module.codes().size()];
        this.operandTypes = new ValType[module.codes().size()][][];
        this.debugCode = new CompiledFunction[module.codes().size()];
    }

    /** Debug information of a validated module; source lines come from its DWARF sections, if any. */
    public static DebugInfo of(Module module) {
        return new DebugInfo(module, SourceMap.of(module));
    }

    /** As {@link #of(Module)}, reading the code section's position from the binary the module was decoded from. */
    public static DebugInfo of(Module module, byte[] binary) {
        return new DebugInfo(module, SourceMap.of(module, binary));
    }

    public Module module() {
        return module;
    }

    public SourceMap sources() {
        return sources;
    }

    /** Number of functions in the module's index space, imports included. */
    public int functionCount() {
        return funcTypes.size();
    }

    public int importedFunctions() {
        return imported;
    }

    public boolean isDefined(int funcIndex) {
        return funcIndex >= imported && funcIndex < funcTypes.size();
    }

    public FuncType functionType(int funcIndex) {
        return funcTypes.get(funcIndex);
    }

    /** The function's name: from the name section, else an export's name, else {@code func[N]}. */
    public String functionName(int funcIndex) {
        String n = module.names().functionName(funcIndex);
        if (n != null) return n;
        for (Export e : module.exports()) if (e.kind() == ExternKind.FUNC && e.index() == funcIndex) return e.name();
        return "func[" + funcIndex + "]";
    }

    /** The function a user names: by its name, an export's name, {@code func[N]} or its index; -1 if none. */
    public int functionIndex(String name) {
        for (Map.Entry<Integer, String> e : module.names().functionNames().entrySet()) {
            if (e.getValue().equals(name)) return e.getKey();
        }
        for (Export e : module.exports()) if (e.kind() == ExternKind.FUNC && e.name().equals(name)) return e.index();
        String s = name.startsWith("func[") && name.endsWith("]") ? name.substring(5, name.length() - 1) : name;
        try {
            int i = Integer.parseInt(s);
            return i >= 0 && i < funcTypes.size() ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The defined function whose body holds byte offset {@code offset}, or -1. */
    public int functionAt(int offset) {
        List<FunctionBody> codes = module.codes();
        int lo = 0;
        int hi = codes.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            FunctionBody b = codes.get(mid);
            if (offset < b.offset()) hi = mid - 1;
            else if (offset > b.endOffset()) lo = mid + 1;
            else return imported + mid;
        }
        return -1;
    }

    private FunctionBody body(int funcIndex) {
        if (!isDefined(funcIndex)) throw new IllegalArgumentException("function " + funcIndex + " is not defined by the module");
        return module.codes().get(funcIndex - imported);
    }

    /** The function's instructions in order, ending with its final {@code end}. */
    public synchronized List<Instruction> instructions(int funcIndex) {
        int i = funcIndex - imported;
        if (instructions[i] == null) {
            FunctionBody b = body(funcIndex);
            List<Instruction> list = new ArrayList<>(b.body().instructions());
            list.add(Instruction.of(Opcode.END, b.endOffset()));
            instructions[i] = List.copyOf(list);
        }
        return instructions[i];
    }

    /** The position in {@link #instructions} of the instruction at {@code offset}, or -1. */
    public int instructionIndex(int funcIndex, int offset) {
        List<Instruction> list = instructions(funcIndex);
        int lo = 0;
        int hi = list.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = list.get(mid).offset;
            if (at < offset) lo = mid + 1;
            else if (at > offset) hi = mid - 1;
            else return mid;
        }
        return -1;
    }

    /** The instruction that starts at {@code offset} in function {@code funcIndex}, or null if none does. */
    public Instruction instructionAt(int funcIndex, int offset) {
        int i = instructionIndex(funcIndex, offset);
        return i < 0 ? null : instructions(funcIndex).get(i);
    }

    /** The types of the operand stack before the instruction at {@code offset}, bottom first (null: unknown). */
    public ValType[] operandTypes(int funcIndex, int offset) {
        int i = instructionIndex(funcIndex, offset);
        if (i < 0) return new ValType[0];
        return typesBefore(funcIndex)[i].clone();
    }

    private synchronized ValType[][] typesBefore(int funcIndex) {
        int f = funcIndex - imported;
        if (operandTypes[f] == null) {
            if (context == null) context = ModuleContext.of(module);
            FunctionBody b = body(funcIndex);
            InstructionTyper typer = new InstructionTyper(context, funcTypes.get(funcIndex), b.locals());
            List<Instruction> list = instructions(funcIndex);
            ValType[][] types = new ValType[list.size()][];
            for (int k = 0; k < list.size(); k++) {
                var stack = typer.stack();
                ValType[] t = new ValType[stack.height()];
                for (int h = 0; h < t.length; h++) t[h] = stack.peek(t.length - 1 - h);
                types[k] = t;
                if (k < list.size() - 1) typer.step(list.get(k));
            }
            operandTypes[f] = types;
        }
        return operandTypes[f];
    }

    /** The types of the function's locals, parameters first. */
    public ValType[] localTypes(int funcIndex) {
        List<ValType> types = new ArrayList<>(funcTypes.get(funcIndex).params());
        for (Local l : body(funcIndex).locals()) for (long k = 0; k < l.count(); k++) types.add(l.type());
        return types.toArray(new ValType[0]);
    }

    /** A local's name from the name section, or null. */
    public String localName(int funcIndex, int local) {
        Map<Integer, String> names = module.names().localNames().get(funcIndex);
        return names == null ? null : names.get(local);
    }

    /** The debug code of a defined function (see {@link ModuleCompiler#compile(Module, boolean)}). */
    public synchronized CompiledFunction debugCode(int funcIndex) {
        int f = funcIndex - imported;
        if (debugCode[f] == null) debugCode[f] = ModuleCompiler.compileFunction(module, funcIndex, true);
        return debugCode[f];
    }

    /** The source line of the code at {@code offset}, or null. */
    public SourceLocation source(int offset) {
        return sources.at(offset);
    }

    @Override
    public String toString() {
        return "DebugInfo[" + funcTypes.size() + " functions, " + (sources.isEmpty() ? "no" : "with") + " source lines]";
    }
}
