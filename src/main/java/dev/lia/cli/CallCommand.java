package dev.lia.cli;

import dev.lia.wasm.LinkException;
import dev.lia.wasm.Trap;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.debug.Backtraces;
import dev.lia.wasm.debug.SourceMap;
import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.Extern;
import dev.lia.wasm.runtime.FunctionInstance;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.spec.Spectest;
import dev.lia.wasm.spec.ValueText;
import dev.lia.wasm.syntax.FuncType;
import dev.lia.wasm.syntax.Import;
import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.syntax.ValType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code lia call MODULE EXPORT [ARG...]}: instantiates a module (.wasm or .wat) and calls one exported function. */
@Command(name = "call",
        mixinStandardHelpOptions = true,
        description = {"Instantiates a module (binary or text format) and calls an exported function with the given arguments.",
                "Arguments are read by the function's parameter types: integers in decimal or 0x hex, signed or "
                        + "unsigned (-1 and 4294967295 are the same i32); floats as decimal, hex float (0x1.8p3), "
                        + "inf, nan or nan:0xPAYLOAD; references as null or (externref) ref.extern N.",
                "Results are printed one per line as VALUE : TYPE.",
                "The only module that can be imported is 'spectest' (the spec test suite's host module)."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the call returned", "  1  trap (in the call or in the start function)",
                "  2  bad input: unreadable file, malformed/invalid/unlinkable module, unknown export, bad arguments"})
final class CallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODULE.wasm", description = "a module in the binary (.wasm) or text (.wat) format")
    Path module;

    @Parameters(index = "1", paramLabel = "EXPORT", description = "the name of an exported function")
    String export;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "the arguments, one per parameter")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CompiledModule compiled = ModuleFiles.compile(module, ModuleFiles.decode(module, ModuleFiles.read(module, "lia call")));

        Store store = new Store();
        Machine machine = new Machine(store);
        Map<String, Extern> spectest = usesSpectest(compiled.module()) ? Spectest.create(store, line -> {
            out.println(line);
            out.flush();
        }) : Map.of();
        Instance instance;
        try {
            instance = machine.instantiate(compiled, (m, name) -> Spectest.NAME.equals(m) ? spectest.get(name) : null);
        } catch (LinkException e) {
            throw new CliException(Main.BAD_INPUT, "unlinkable: " + e.getMessage());
        } catch (Trap e) {
            throw new CliException(Main.FAILED, trapMessage(e, compiled.module()));
        }

        FunctionInstance function = function(instance);
        FuncType type = function.type();
        long[] raw = arguments(type);
        if (type.results().contains(ValType.V128)) {
            throw new CliException(Main.BAD_INPUT, "lia call: \"" + export + "\" returns v128, which is not supported yet");
        }
        long[] results;
        try {
            results = machine.invoke(function, raw);
        } catch (Trap e) {
            throw new CliException(Main.FAILED, trapMessage(e, compiled.module()));
        }
        for (int i = 0; i < results.length; i++) {
            ValType t = type.results().get(i);
            out.println(ValueText.format(results[i], t, store) + " : " + t);
        }
        return Main.OK;
    }

    private static boolean usesSpectest(Module m) {
        for (Import imp : m.imports()) if (Spectest.NAME.equals(imp.module())) return true;
        return false;
    }

    private FunctionInstance function(Instance instance) {
        Extern ext = instance.export(export);
        if (ext instanceof FunctionInstance f) return f;
        if (ext != null) {
            throw new CliException(Main.BAD_INPUT, "lia call: export \"" + export + "\" is a " + ext.kind().text + ", not a function");
        }
        String functions = instance.exports().entrySet().stream()
                .filter(e -> e.getValue() instanceof FunctionInstance)
                .map(e -> e.getKey()).collect(Collectors.joining(", "));
        throw new CliException(Main.BAD_INPUT, "lia call: no exported function \"" + export + "\" in " + module
                + (functions.isEmpty() ? " (it exports no functions)" : " (exported functions: " + functions + ")"));
    }

    private long[] arguments(FuncType type) {
        List<ValType> params = type.params();
        if (params.size() != args.size()) {
            throw new CliException(Main.BAD_INPUT, "lia call: \"" + export + "\" takes " + params.size()
                    + (params.size() == 1 ? " argument " : " arguments ") + signature(params) + ", got " + args.size());
        }
        long[] raw = new long[params.size()];
        for (int i = 0; i < raw.length; i++) {
            try {
                raw[i] = ValueText.parse(args.get(i), params.get(i));
            } catch (IllegalArgumentException e) {
                throw new CliException(Main.BAD_INPUT, "lia call: argument " + (i + 1) + " (" + params.get(i) + "): " + e.getMessage());
            }
        }
        return raw;
    }

    private static String signature(List<ValType> params) {
        return params.stream().map(ValType::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** "trap: MESSAGE" followed by the wasm backtrace, innermost first, with source lines when the module has DWARF. */
    static String trapMessage(Trap trap, Module module) {
        return Backtraces.format(trap, SourceMap.of(module));
    }
}
