package dev.lia.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WASI corpus: {@code corpus/wasi/P.wasm}, each with its arguments and the stdout expected
 * from them: the perf size (the last column of the corpus README's table, checked against
 * {@code expected/wasi/P-perf.out}) or the default size (no arguments, {@code P.out}).
 */
final class WasiCorpus {
    /** A row of the README's table: | name | what | default size | perf-size args | */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*([a-z0-9_]+)\\s*\\|[^|]*\\|[^|]*\\|\\s*([^|]+?)\\s*\\|\\s*$");

    record Program(String name, Path wasm, List<String> args, byte[] expectedStdout) {
        String argsText() {
            return args.isEmpty() ? "(default size)" : String.join(" ", args);
        }
    }

    static List<Program> load(Path shared, List<String> names, boolean perfSize) {
        Path corpus = shared.resolve("corpus");
        Map<String, List<String>> perfArgs = perfArgs(corpus.resolve("README.md"));
        List<Program> programs = new ArrayList<>();
        for (String n : names) {
            Path wasm = corpus.resolve("wasi/" + n + ".wasm");
            if (!Files.isRegularFile(wasm)) continue;
            List<String> args = List.of();
            Path expected = corpus.resolve("expected/wasi/" + n + ".out");
            if (perfSize) {
                args = perfArgs.get(n);
                if (args == null) throw new IllegalArgumentException("no perf-size arguments for " + n + " in " + corpus.resolve("README.md"));
                expected = corpus.resolve("expected/wasi/" + n + "-perf.out");
            }
            try {
                programs.add(new Program(n, wasm, args, Files.readAllBytes(expected)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the expected output " + expected, e);
            }
        }
        return programs;
    }

    /** program -> its perf-size arguments, from the corpus README's table. */
    static Map<String, List<String>> perfArgs(Path readme) {
        Map<String, List<String>> args = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(readme)) {
                Matcher m = ROW.matcher(line);
                if (m.matches() && !m.group(2).startsWith("-") && !m.group(1).equals("program")) {
                    args.put(m.group(1), Arrays.asList(m.group(2).split("\\s+")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        return args;
    }
}
