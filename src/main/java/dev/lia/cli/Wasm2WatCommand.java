package dev.lia.cli;

import dev.lia.wasm.syntax.Module;
import dev.lia.wasm.text.WatPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code lia wasm2wat IN.wasm [-o OUT.wat]}: the binary format to the text format. */
@Command(name = "wasm2wat",
        mixinStandardHelpOptions = true,
        description = {"Prints a binary module (.wasm) in the text format.",
                "Instructions are printed plain (not folded), one per line; functions and locals are named "
                        + "from the name section; floats are exact hex floats. The module is not validated "
                        + "unless --check is given."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  printed", "  2  bad input: unreadable file, malformed (or, with --check, invalid) module, "
                + "unwritable output"})
final class Wasm2WatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.wasm", description = "a module in the binary format (or text)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.wat", description = "write the text here instead of to standard output")
    Path output;

    @Option(names = "--check", description = "validate the module first")
    boolean check;

    @Override
    public Integer call() {
        byte[] bytes = ModuleFiles.read(input, "lia wasm2wat");
        Module m = ModuleFiles.decode(input, bytes);
        if (check) ModuleFiles.validate(input, m);
        String text = WatPrinter.print(m);
        if (output == null) {
            spec.commandLine().getOut().print(text);
            return Main.OK;
        }
        OutputFiles.write("lia wasm2wat", output, text.getBytes(StandardCharsets.UTF_8));
        return Main.OK;
    }
}
