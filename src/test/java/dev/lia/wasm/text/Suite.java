package dev.lia.wasm.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the spec test suite is: system property {@code lia.shared} (set by surefire) plus
 * {@code /wasm-testsuite}, or the environment variable {@code WASM_TESTSUITE}. Missing: a clear failure.
 */
final class Suite {
    private Suite() {}

    static Path root() {
        String shared = System.getProperty("lia.shared");
        String env = System.getenv("WASM_TESTSUITE");
        Path root = shared != null ? Path.of(shared, "wasm-testsuite") : env != null ? Path.of(env) : null;
        if (root == null || !Files.isDirectory(root.resolve("2.0/wast"))) {
            throw new AssertionError("the WebAssembly spec test suite was not found: set -Dlia.shared=<shared folder> "
                    + "or WASM_TESTSUITE=<wasm-testsuite folder>" + (root == null ? "" : " (looked in " + root + ")"));
        }
        return root;
    }

    /** The 90 .wast files of the 2.0 suite that are not about SIMD, in name order. */
    static List<Path> nonSimdWast() {
        try (Stream<Path> s = Files.list(root().resolve("2.0/wast"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".wast"))
                    .filter(p -> !p.getFileName().toString().startsWith("simd_"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(Path wast) {
        String n = wast.getFileName().toString();
        return n.substring(0, n.length() - ".wast".length());
    }

    /** The wast2json output of a .wast: its folder under 2.0/json. */
    static Path jsonDir(Path wast) {
        return root().resolve("2.0/json").resolve(name(wast));
    }
}
