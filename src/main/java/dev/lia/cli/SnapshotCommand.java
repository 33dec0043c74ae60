package dev.lia.cli;

import dev.lia.script.Lia;
import dev.lia.script.compile.Program;
import dev.lia.script.syntax.CompileException;
import dev.lia.script.vm.Outcome;
import dev.lia.script.vm.Vm;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.compile.CompiledModule;
import dev.lia.wasm.snapshot.ModuleSnapshot;
import dev.lia.wasm.snapshot.SnapshotException;
import dev.lia.wasm.syntax.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code lia snapshot SCRIPT.lia --module M.wasm -o OUT.wasm [--arg NAME=VALUE]... [--drop-export NAME]... [--keep-exports]}. */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {"Runs a Lia script against a module, then writes the instance as it is then as a new module: its memory "
                + "contents become data segments, its mutable globals' values their initializers, its tables' contents element "
                + "segments; it has no start function. Instantiating OUT.wasm gives the state the script left, without running anything.",
                "The export _initialize (a WASI reactor's initializer, whose work is done) is left out unless --keep-exports is given; "
                        + "--drop-export leaves out others.",
                "The script must finish (done); otherwise its outcome is printed as lia run prints it and nothing is written."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  written", "  1  the script trapped",
                "  2  the script failed, a compile error, bad input, or state a module cannot hold (an imported memory, ...)",
                "  3  the script blocked on a request"})
final class SnapshotCommand implements Callable<Integer> {
    static final String INITIALIZER = "_initialize";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCRIPT.lia", description = "the script that brings the instance into the state to keep")
    Path script;

    @Option(names = "--module", required = true, paramLabel = "M.wasm", description = "the module: binary (.wasm) or text (.wat) format")
    Path module;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wasm", description = "where to write the new module")
    Path output;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "a script input; repeat for each")
    List<String> args = new ArrayList<>();

    @Option(names = "--drop-export", paramLabel = "NAME", description = "leave this export out; repeat for each")
    List<String> dropExports = new ArrayList<>();

    @Option(names = "--keep-exports", description = "keep _initialize too")
    boolean keepExports;

    @picocli.CommandLine.Mixin
    WasiOptions wasiOptions = new WasiOptions();

    @Override
    public Integer call() {
        String command = "lia snapshot";
        CompiledModule compiled = ScriptFiles.module(command, module);
        Program program;
        try {
            program = Lia.compile(ScriptFiles.script(command, script), compiled);
        } catch (CompileException e) {
            spec.commandLine().getErr().println(e.format());
            return OutcomePrinter.FAILED;
        }
        ProgramOutput programOutput = ProgramOutput.of(spec.commandLine().getOut(), spec.commandLine().getErr(), false);
        Vm vm = new Vm(program, compiled, ScriptFiles.inputs(command, args, program), wasiOptions.hosts(command, module, programOutput),
                dev.lia.wasm.runtime.Limits.DEFAULT);
        Outcome o = vm.run();
        if (!(o instanceof Outcome.Done)) {
            spec.commandLine().getErr().println(OutcomePrinter.text(o));
            return OutcomePrinter.exitCode(o);
        }
        Set<String> drop = new LinkedHashSet<>(dropExports);
        if (!keepExports) drop.add(INITIALIZER);
        Module snapshot;
        try {
            snapshot = ModuleSnapshot.of(vm.instance(), drop);
        } catch (SnapshotException e) {
            throw new CliException(Main.BAD_INPUT, command + ": " + e.getMessage());
        }
        byte[] bytes = ModuleEncoder.encode(snapshot);
        OutputFiles.write(command, output, bytes);
        long segments = snapshot.datas().stream().filter(d -> d.mode() == dev.lia.wasm.syntax.SegmentMode.ACTIVE).count();
        spec.commandLine().getOut().println(output + ": " + bytes.length + " bytes, " + segments + " data segment"
                + (segments == 1 ? "" : "s") + " over " + snapshot.memories().stream().mapToLong(m -> m.limits().min()).sum() + " pages");
        return Main.OK;
    }
}
