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
                "Results are printed one per line as VALUE : TYPE; with --json, the outcome is one JSON object "
                        + "(done with its values, trapped with its backtrace, or exited), as lia run prints it.",
                "Imports from 'spectest' (the spec test suite's host module) are linked, and with --wasi those of WASI preview1 "
                        + "(the module's name as argv[0], no standard input, output to the command's); any other function import "
                        + "is linked to a stand-in that traps, naming it, only if it is called."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the call returned", "  1  trap (in the call or in the start function)",
                "  2  bad input: unreadable file, malformed/invalid/unlinkable module, unknown export, bad arguments",
                "  6  with --wasi: the program exited (proc_exit) with a code other than 0 (exited with 0 is 0)"})
final class CallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODULE.wasm", description = "a module in the binary (.wasm) or text (.wat) format")
    Path module;

    @Parameters(index = "1", paramLabel = "EXPORT", description = "the name of an exported function")
    String export;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "the arguments, one per parameter; a v128 is one argument: shape and lanes, e.g. \"i32x4 1 2 3 4\"")
    List<String> args = new ArrayList<>();

    @picocli.CommandLine.Option(names = "--wasi", description = "link WASI preview1 (deterministic: virtual clock, seed 0, no files)")
    boolean wasi;

    @picocli.CommandLine.Option(names = "--json", description = "print the outcome as one JSON object (the program's output, "
            + "spectest's prints and WASI's stdout/stderr, in its \"stdout\"/\"stderr\" fields)")
    boolean json;

    @picocli.CommandLine.Mixin
    TierOption tierOption = new TierOption();

    @Override
    public Integer call() {
        PrintWriter commandOut = spec.commandLine().getOut();
        CompiledModule compiled = ModuleFiles.compile(module, ModuleFiles.decode(module, ModuleFiles.read(module, "lia call")));
        // Under --json what the program can print (spectest, WASI) is kept for the outcome's fields, so stdout holds one object.
        ProgramOutput output = ProgramOutput.of(commandOut, spec.commandLine().getErr(), json && (wasi || usesSpectest(compiled.module())));
        PrintWriter out = json ? new PrintWriter(new java.io.OutputStreamWriter(output.out(), java.nio.charset.StandardCharsets.UTF_8), true) : commandOut;
        String refused = wasi ? dev.lia.wasi.WasiPreview1.refusal(compiled.module()) : null;
        if (refused != null) throw new CliException(Main.BAD_INPUT, "lia call: " + module + ": " + refused);

        Store store = new Store();
        Machine machine = new Machine(store);
        Map<String, Extern> spectest = usesSpectest(compiled.module()) ? Spectest.create(store, line -> {
            out.println(line);
            out.flush();
        }) : Map.of();
        dev.lia.wasm.runtime.ImportResolver wasiImports = wasi ? wasi(store, compiled.module(), output) : dev.lia.wasm.runtime.ImportResolver.NONE;
        Map<String, Extern> missing = StandIns.of(store, compiled.module(),
                wasi ? java.util.Set.of(Spectest.NAME, dev.lia.wasi.WasiPreview1.MODULE) : java.util.Set.of(Spectest.NAME),
                "lia call does not link it (it links spectest, and WASI with --wasi; a Lia script can provide it)");
        Instance instance;
        try {
            instance = machine.instantiate(compiled, (m, name) -> Spectest.NAME.equals(m) ? spectest.get(name)
                    : wasi && dev.lia.wasi.WasiPreview1.MODULE.equals(m) ? wasiImports.resolve(m, name) : missing.get(m + "." + name));
        } catch (LinkException e) {
            throw new CliException(Main.BAD_INPUT, "unlinkable: " + e.getMessage());
        } catch (Trap e) {
            return trapped(e, compiled.module(), output, out);
        }

        FunctionInstance function = function(instance);
        FuncType type = function.type();
        long[] raw = arguments(type);
        long[] results;
        try {
            results = machine.invoke(function, raw);
        } catch (dev.lia.wasm.runtime.HostExit e) { // proc_exit under --wasi
            String code = Integer.toUnsignedString(e.code());
            out.flush();
            commandOut.println(json ? output.addTo("{\"outcome\":\"exited\",\"code\":" + code + "}") : "exited: code " + code);
            return e.code() == 0 ? Main.OK : OutcomePrinter.EXITED;
        } catch (Trap e) {
            return trapped(e, compiled.module(), output, out);
        } catch (dev.lia.wasm.runtime.ThrownException e) { // a wasm exception nothing caught
            List<Trap.Frame> site = e.thrownAt() == null ? List.of() : List.of(e.thrownAt()); // the throw, never compiled: the same in every tier
            if (!json) throw new CliException(Main.FAILED, e.getMessage() + (site.isEmpty() ? "" : "\n  wasm: thrown at " + site.get(0)));
            out.flush();
            commandOut.println(output.addTo("{\"outcome\":\"trapped\",\"message\":" + Json.string(e.getMessage()) + ","
                    + OutcomePrinter.backtrace(site, 0, SourceMap.of(compiled.module())) + "}"));
            return Main.FAILED;
        }
        out.flush();
        if (json) {
            commandOut.println(output.addTo("{\"outcome\":\"done\",\"values\":" + CallValues.json(type.results(), results, store) + "}"));
            return Main.OK;
        }
        int slot = 0;
        for (ValType t : type.results()) {
            out.println(CallValues.text(t, results, slot, store) + " : " + t);
            slot += t.slots();
        }
        return Main.OK;
    }

    /** A trap in the start function or the call: "trap: ..." with the backtrace on stderr (exit 1), or under --json one object. */
    private int trapped(Trap e, Module m, ProgramOutput output, PrintWriter out) {
        if (!json) throw new CliException(Main.FAILED, trapMessage(e, m));
        out.flush();
        spec.commandLine().getOut().println(output.addTo("{\"outcome\":\"trapped\",\"message\":" + Json.string(e.getMessage()) + ","
                + OutcomePrinter.backtrace(e.backtrace(), e.omittedFrames(), SourceMap.of(m)) + "}"));
        return Main.FAILED;
    }

    /** WASI preview1 for the call: argv is the module's file name, no standard input, output to the command's. */
    private dev.lia.wasm.runtime.ImportResolver wasi(Store store, Module m, ProgramOutput output) {
        String argv0 = module.getFileName() != null ? module.getFileName().toString() : module.toString();
        dev.lia.wasi.WasiPreview1 w = new dev.lia.wasi.WasiPreview1(dev.lia.wasi.WasiConfig.builder().args(List.of(argv0))
                .stdin(new byte[0]).stdout(output.out()).stderr(json ? output.err() : output.out()).build());
        return w.imports(store, m);
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
        long[] raw = new long[type.paramSlots()];
        int slot = 0;
        for (int i = 0; i < params.size(); i++) {
            try {
                if (params.get(i) == ValType.V128) {
                    long[] v = ValueText.parseV128(args.get(i));
                    raw[slot] = v[0];
                    raw[slot + 1] = v[1];
                } else {
                    raw[slot] = ValueText.parse(args.get(i), params.get(i));
                }
                slot += params.get(i).slots();
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
