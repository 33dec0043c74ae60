package dev.lia.testutil;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the official WebAssembly spec test suite is: {@code <lia.shared>/wasm-testsuite} (the system property
 * Maven's surefire sets), else the folder named by the environment variable {@code WASM_TESTSUITE}.
 */
public final class SpecSuite {
    private SpecSuite() {}

    /** The wasm-testsuite folder; aborts (skips) the calling test, saying why, when it cannot be found. */
    public static Path root() {
        List<Path> tried = new ArrayList<>();
        String shared = System.getProperty("lia.shared");
        if (shared != null && !shared.isBlank()) tried.add(Path.of(shared, "wasm-testsuite"));
        String env = System.getenv("WASM_TESTSUITE");
        if (env != null && !env.isBlank()) tried.add(Path.of(env));
        for (Path p : tried) if (Files.isDirectory(p)) return p;
        Assumptions.abort("spec test suite not found (tried " + tried + "): set -Dlia.shared=<shared folder>"
                + " or WASM_TESTSUITE=<wasm-testsuite folder>");
        return null; // not reached: abort throws
    }

    /** The WebAssembly 2.0 suite as wast2json output: one folder per .wast, holding its .json and modules. */
    public static Path json20() {
        Path dir = root().resolve("2.0/json");
        Assumptions.assumeTrue(Files.isDirectory(dir), "spec test suite has no " + dir);
        return dir;
    }
}
