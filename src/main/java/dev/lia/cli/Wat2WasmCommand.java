package dev.lia.cli;

import dev.lia.wasm.binary.ModuleDecoder;
import dev.lia.wasm.binary.ModuleEncoder;
import dev.lia.wasm.syntax.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lia wat2wasm IN.wat [-o OUT.wasm]}: the text format to the binary format. */
@Command(name = "wat2wasm",
        mixinStandardHelpOptions = true,
        description = {"Translates a module from the text format (.wat) to the binary format (.wasm).",
                "The module is validated unless --no-check is given. The binary is canonical (shortest LEB128 "
                        + "numbers) and has a name section with the module, function and local names."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  written", "  2  bad input: unreadable file, malformed text (FILE:LINE:COLUMN: message), "
                + "invalid module, unwritable output"})
final class Wat2WasmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.wat", description = "a module in the text format")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.wasm",
            description = "where to write the binary (default: IN with the extension .wasm)")
    Path output;

    @Option(names = "--no-check", description = "do not validate the module")
    boolean noCheck;

    @Option(names = "--no-names", description = "leave out the name section")
    boolean noNames;

    @Override
    public Integer call() {
        byte[] text = ModuleFiles.read(input, "lia wat2wasm");
        Module m = ModuleFiles.parseText(input, text);
        byte[] binary = ModuleEncoder.encode(m, !noNames);
        if (!noCheck) ModuleFiles.validate(input, ModuleDecoder.decode(binary));
        Path out = output != null ? output : defaultOutput(input);
        OutputFiles.write("lia wat2wasm", out, binary);
        return Main.OK;
    }

    static Path defaultOutput(Path in) {
        String name = in.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return in.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".wasm");
    }
}
