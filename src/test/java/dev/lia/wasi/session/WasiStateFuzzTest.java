package dev.lia.wasi.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lia.wasi.WasiConfig;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for WASI's part of a saved state and of a session's log: the input as WASI's saved
 * state ({@link WasiComponent#load}) and as its settings ({@link WasiComponent.Settings#decode}). The
 * only acceptable refusal is an {@link IllegalArgumentException} with a message (which the state
 * loader reports as a bad state); whatever is accepted must be canonical: saved again, it gives the
 * same bytes. Seeds: the states of {@code examples/wasi/lines.wasm} blocked on stdin, and settings.
 */
class WasiStateFuzzTest {
    private static WasiComponent fresh() {
        return new WasiComponent(WasiConfig.builder().args("lines").stdout(OutputStream.nullOutputStream()).build());
    }

    @FuzzTest(maxDuration = "2m")
    void load(byte[] input) {
        WasiComponent w = fresh();
        try {
            w.load(input);
            if (!Arrays.equals(w.save(), input)) throw new AssertionError("an accepted WASI state is not canonical");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) throw new AssertionError("refusal without a message", e);
        }
        try {
            WasiComponent.Settings s = WasiComponent.Settings.decode(input);
            if (!Arrays.equals(s.encode(), input)) throw new AssertionError("accepted WASI settings are not canonical");
        } catch (IllegalArgumentException e) {
            if (e.getMessage() == null || e.getMessage().isEmpty()) throw new AssertionError("refusal without a message", e);
        }
    }

    /** Writes the seeds: WASI's state after each input of a lines.wasm session, and two settings. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of("src/test/resources/dev/lia/wasi/session/WasiStateFuzzTestInputs/load");
        Files.createDirectories(dir);
        var module = dev.lia.state.LoadedModule.of(Files.readAllBytes(Path.of("examples/wasi/lines.wasm")));
        var program = dev.lia.script.Lia.compile(new dev.lia.script.syntax.Source("s.lia", "_start()\n"), module.compiled());
        WasiComponent w = fresh();
        var session = dev.lia.state.LiveSession.start(module, dev.lia.wasm.runtime.Limits.DEFAULT, w.functions());
        session.run(program, Map.of(), dev.lia.state.LiveSession.UNLIMITED);
        Files.write(dir.resolve("blocked-0.wasi"), w.save());
        session.resolve(List.of(dev.lia.script.value.Value.octs("one\ntw".getBytes(StandardCharsets.UTF_8))), dev.lia.state.LiveSession.UNLIMITED);
        Files.write(dir.resolve("blocked-1.wasi"), w.save());
        Files.write(dir.resolve("settings.wasi"), new WasiComponent.Settings(List.of("lines", "a"), Map.of("K", "V"), 7).encode());
    }
}
