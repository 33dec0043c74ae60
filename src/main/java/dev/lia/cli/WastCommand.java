package dev.lia.cli;

import dev.lia.wasm.spec.SpecResult;
import dev.lia.wasm.spec.SpecRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code lia wast FILE...}: runs spec test scripts, as released (.wast) or converted by wast2json (.json). */
@Command(name = "wast",
        mixinStandardHelpOptions = true,
        description = {"Runs WebAssembly spec test scripts: .wast files as released, or wast2json's form (NAME.json with its modules beside it).",
                "Prints one line per failed command (file:line: command: expected X, got Y), a line per script "
                        + "when there are several, and last the totals: N passed, M failed, K skipped.",
                "SIMD (v128) values run lane by lane; relaxed SIMD as the deterministic profile."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every command passed or was skipped", "  1  some command failed",
                "  2  bad input (no such file, no .json found)"})
final class WastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = ".wast scripts, wast2json .json scripts, or directories: every .wast and .json under them is run, in name order")
    List<Path> files = new ArrayList<>();

    @Option(names = "--print", description = "show what the spectest print functions print")
    boolean print;

    @Option(names = {"-q", "--quiet"}, description = "print only the totals: no failures, no line per script")
    boolean quiet;


    @picocli.CommandLine.Mixin
    TierOption tierOption = new TierOption();
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> scripts = collect();
        SpecRunner runner = new SpecRunner();
        if (print) runner.printTo(out::println);
        if (!quiet) runner.onFailure(out::println);
        List<SpecResult> results = new ArrayList<>();
        for (Path script : scripts) {
            SpecResult r = runner.run(script);
            results.add(r);
            if (scripts.size() > 1 && !quiet) out.println(r);
            out.flush();
        }
        SpecResult total = SpecResult.sum("total", results);
        out.println(total.summary());
        return total.failed() == 0 ? Main.OK : Main.FAILED;
    }

    private static boolean isScript(String name) {
        return name.endsWith(".json") || name.endsWith(".wast");
    }

    private List<Path> collect() {
        List<Path> scripts = new ArrayList<>();
        for (Path p : files) {
            if (Files.isDirectory(p)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(p)) {
                    found = walk.filter(f -> isScript(f.getFileName().toString()) && Files.isRegularFile(f))
                            .sorted().toList();
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new CliException(Main.BAD_INPUT, "lia wast: cannot read directory " + p + ": " + e.getMessage());
                }
                if (found.isEmpty()) throw new CliException(Main.BAD_INPUT, "lia wast: no .json files in " + p);
                scripts.addAll(found);
            } else if (Files.isRegularFile(p)) {
                scripts.add(p);
            } else {
                throw new CliException(Main.BAD_INPUT, "lia wast: " + p + ": no such file or directory");
            }
        }
        return scripts;
    }
}
