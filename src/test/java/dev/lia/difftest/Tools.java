package dev.lia.difftest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the differential test's tools are, and what they can make. First choice: binaryen 132 and
 * node 26 from the npm registry, in {@code $LIA_DIFFTEST_TOOLS} (default {@code ~/.cache/lia-tools},
 * filled by {@code tools/difftest/install-tools.sh}): modules with the 3.0 features Lia runs. Else
 * {@code wasm-opt} and {@code node} on PATH (Debian's binaryen 108 and node 20): 2.0 modules.
 */
record Tools(Path wasmOpt, Path node, Path bin, boolean wasm30) {

    static final Tools FOUND = find();

    static Path cacheDir() {
        String dir = System.getenv("LIA_DIFFTEST_TOOLS");
        return dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "lia-tools");
    }

    private static Tools find() {
        Path bin = cacheDir().resolve("node_modules").resolve(".bin");
        if (Files.isExecutable(bin.resolve("wasm-opt")) && Files.isExecutable(bin.resolve("node"))) {
            return new Tools(bin.resolve("wasm-opt"), bin.resolve("node"), bin, true);
        }
        Path wasmOpt = onPath("wasm-opt");
        Path node = onPath("node");
        return wasmOpt != null && node != null ? new Tools(wasmOpt, node, null, false) : null;
    }

    private static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** A process of one of the tools: binaryen's npm wasm-opt is a node script, run by the node beside it. */
    ProcessBuilder process(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (bin != null) {
            pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
            // V8's code cache: wasm-opt's 10 MB of JavaScript and wasm are compiled once, not per module
            pb.environment().put("NODE_COMPILE_CACHE", cacheDir().resolve("compile-cache").toString());
        }
        return pb;
    }
}
