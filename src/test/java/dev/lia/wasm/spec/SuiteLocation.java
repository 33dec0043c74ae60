package dev.lia.wasm.spec;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/**
 * Where the shared test material lives: env {@code WASM_TESTSUITE} (the wasm-testsuite folder), else
 * system property {@code lia.shared} (set by surefire) plus {@code /wasm-testsuite}. When it is
 * missing the tests fail, unless env {@code LIA_ALLOW_NO_SUITE} is set, when they are aborted.
 */
public final class SuiteLocation {
    private SuiteLocation() {}

    /** The wasm-testsuite folder. */
    public static Path testsuite() {
        String env = System.getenv("WASM_TESTSUITE");
        String shared = System.getProperty("lia.shared");
        Path dir;
        String how;
        if (env != null && !env.isBlank()) {
            dir = Path.of(env);
            how = "env WASM_TESTSUITE=" + env;
        } else if (shared != null && !shared.isBlank()) {
            dir = Path.of(shared, "wasm-testsuite");
            how = "system property lia.shared=" + shared + " (plus /wasm-testsuite)";
        } else {
            dir = Path.of("..", "shared", "wasm-testsuite");
            how = "the default ../shared/wasm-testsuite (neither env WASM_TESTSUITE nor property lia.shared is set)";
        }
        return require(dir.resolve("2.0").resolve("json"), how).getParent().getParent();
    }

    /** The wast2json scripts of the 2.0 suite: one folder per script. */
    public static Path json() {
        return testsuite().resolve("2.0").resolve("json");
    }

    /** The shared corpus folder ({@code lia.shared/corpus}). */
    public static Path corpus() {
        String shared = System.getProperty("lia.shared");
        Path dir = shared != null && !shared.isBlank() ? Path.of(shared, "corpus") : Path.of("..", "shared", "corpus");
        return require(dir, shared != null ? "system property lia.shared=" + shared + " (plus /corpus)" : "the default ../shared/corpus");
    }

    private static Path require(Path dir, String how) {
        if (Files.isDirectory(dir)) return dir;
        String message = "test material not found: looked for " + dir.toAbsolutePath().normalize() + " from " + how
                + ". Set env WASM_TESTSUITE to the wasm-testsuite folder or -Dlia.shared to the shared folder"
                + " (set env LIA_ALLOW_NO_SUITE=1 to skip these tests instead).";
        if (System.getenv("LIA_ALLOW_NO_SUITE") != null) Assumptions.abort(message);
        return fail(message);
    }
}
