package dev.lia.wasi;

import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.fail;

/** Runs WASI commands in-process for tests. */
final class WasiRun {
    private WasiRun() {}

    record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a command with this configuration (its stdout and stderr are captured). */
    static Result run(byte[] wasm, WasiConfig.Builder config) {
        return run(wasm, config, Machine.defaultTier());
    }

    /** Runs a command in the given tier. */
    static Result run(byte[] wasm, WasiConfig.Builder config, dev.lia.wasm.exec.Tier tier) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Store store = new Store();
        Machine machine = new Machine(store);
        machine.setTier(tier);
        try (WasiPreview1 wasi = new WasiPreview1(config.stdout(out).stderr(err).build())) {
            dev.lia.wasm.compile.CompiledModule compiled = Pipeline.load(wasm);
            Instance instance = machine.instantiate(compiled, wasi.imports(store, compiled.module()));
            int code = wasi.runCommand(machine, instance);
            return new Result(code, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
        }
    }

    /** A test program from {@code src/test/resources/wasi}. */
    static byte[] resource(String name) {
        try (InputStream in = WasiRun.class.getResourceAsStream("/wasi/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource /wasi/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(resource(name), StandardCharsets.ISO_8859_1);
    }

    /** The shared corpus: system property {@code lia.shared} (set by surefire) plus {@code /corpus}. */
    static Path corpus() {
        String shared = System.getProperty("lia.shared");
        if (shared == null || shared.isBlank()) {
            return fail("system property lia.shared is not set: it names the shared folder holding corpus/ "
                    + "(surefire sets it from the pom; run with -Dlia.shared=/path/to/shared)");
        }
        Path corpus = Path.of(shared, "corpus");
        if (!Files.isDirectory(corpus.resolve("wasi"))) {
            return fail("no WASI corpus at " + corpus.toAbsolutePath().normalize().resolve("wasi")
                    + " (from system property lia.shared=" + shared + ")");
        }
        return corpus;
    }
}
