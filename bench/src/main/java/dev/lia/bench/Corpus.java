package dev.lia.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The core corpus: {@code corpus/core/P.wasm} and the expected {@code run()} hash of each. */
final class Corpus {
    /** The corpus README's order; programs not listed here follow in name order. */
    private static final List<String> ORDER = List.of("fib", "mandelbrot", "sha256", "crc32", "nbody", "sort", "interp");
    private static final Pattern HASH = Pattern.compile("run\\(\\) = 0x([0-9a-fA-F]{8})");

    record Program(String name, Path wasm, byte[] bytes, int expectedHash) {}

    static List<Program> load(Path shared, List<String> wanted) {
        Path core = shared.resolve("corpus/core");
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(core)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wasm"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        if (!wanted.isEmpty()) {
            for (String w : wanted) {
                if (!names.contains(w)) throw new IllegalArgumentException("no program " + w + " in " + core + " (have " + names + ")");
            }
            names.removeIf(n -> !wanted.contains(n));
        }
        List<Program> programs = new ArrayList<>();
        for (String n : names) {
            try {
                Path wasm = core.resolve(n + ".wasm");
                programs.add(new Program(n, wasm, Files.readAllBytes(wasm), expectedHash(shared, n)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return programs;
    }

    private static int rank(String name) {
        int i = ORDER.indexOf(name);
        return i < 0 ? ORDER.size() : i;
    }

    private static int expectedHash(Path shared, String name) throws IOException {
        Path out = shared.resolve("corpus/expected/core/" + name + ".out");
        List<String> lines = Files.readAllLines(out, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = HASH.matcher(lines.get(i));
            if (m.find()) return Integer.parseUnsignedInt(m.group(1), 16);
        }
        throw new IOException("no 'run() = 0x...' line in " + out);
    }
}
