package dev.lia.testutil;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the official WebAssembly spec test suite is: {@code <lia.shared>/wasm-testsuite} (the system property
 * Maven's surefire sets), else the folder named by the environment variable {@code WASM_TESTSUITE}.
 */
public final class SpecSuite {
    private SpecSuite() {}

    /** The wasm-testsuite folder; aborts (skips) the calling test, saying why, when it cannot be found. */
    public static Path root() {
        String shared = System.getProperty("lia.shared");
        Path root = shared != null ? Path.of(shared, "wasm-testsuite")
                : System.getenv("WASM_TESTSUITE") != null ? Path.of(System.getenv("WASM_TESTSUITE")) : null;
        Assumptions.assumeTrue(root != null && Files.isDirectory(root),
                "spec test suite not found: set -Dlia.shared=<shared folder> or WASM_TESTSUITE=<wasm-testsuite folder>"
                        + (root == null ? "" : " (looked in " + root + ")"));
        return root;
    }

    /** The WebAssembly 2.0 suite as wast2json output: one folder per .wast, holding its .json and modules. */
    public static Path json20() {
        Path dir = root().resolve("2.0/json");
        Assumptions.assumeTrue(Files.isDirectory(dir), "spec test suite has no " + dir);
        return dir;
    }
}
