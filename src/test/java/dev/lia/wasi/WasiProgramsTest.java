package dev.lia.wasi;

import dev.lia.wasm.exec.Machine;
import dev.lia.wasm.exec.MachineOutcome;
import dev.lia.wasm.runtime.Instance;
import dev.lia.wasm.runtime.Store;
import dev.lia.wasm.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The C programs of {@code src/test/resources/wasi}, built with clang and wasi-libc, against their expected output. */
class WasiProgramsTest {
    @TempDir
    Path tmp;

    @Test
    void argsEnvironmentStdinAndExitCode() {
        WasiRun.Result r = WasiRun.run(WasiRun.resource("io.wasm"), WasiConfig.builder()
                .args("io.wasm", "3", "two words").env("HOME", "/home/guest").env("LANG", "C")
                .stdin("some input\nline two\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.stdout()).isEqualTo(WasiRun.text("io.out"));
        assertThat(r.stderr()).isEqualTo("to stderr\n");
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void clocksAndRandomAreDeterministic() {
        byte[] wasm = WasiRun.resource("clockrand.wasm");
        WasiRun.Result first = WasiRun.run(wasm, WasiConfig.builder().args("clockrand.wasm"));
        WasiRun.Result second = WasiRun.run(wasm, WasiConfig.builder().args("clockrand.wasm"));
        assertThat(first.stdout()).isEqualTo(WasiRun.text("clockrand.out"));
        assertThat(second).isEqualTo(first);
        // the virtual clock jumps over the 1.5 s sleep and the 250 ms poll
        assertThat(first.stdout()).contains("slept 1501000000 ns").contains("poll timeout 0 after 251 ms");

        WasiRun.Result seeded = WasiRun.run(wasm, WasiConfig.builder().args("clockrand.wasm").seed(42));
        assertThat(line(seeded, "random")).isNotEqualTo(line(first, "random"));
        assertThat(line(seeded, "realtime")).isEqualTo(line(first, "realtime"));
    }

    @Test
    void realClockAndSecureRandomWhenAsked() {
        WasiRun.Result r = WasiRun.run(WasiRun.resource("clockrand.wasm"),
                WasiConfig.builder().args("clockrand.wasm").realClock().secureRandom());
        WasiRun.Result d = WasiRun.run(WasiRun.resource("clockrand.wasm"), WasiConfig.builder().args("clockrand.wasm"));
        assertThat(line(r, "realtime")).isNotEqualTo(line(d, "realtime"));
        assertThat(line(r, "random")).isNotEqualTo(line(d, "random"));
        long slept = Long.parseLong(line(r, "slept").split(" ")[1]);
        assertThat(slept).isGreaterThanOrEqualTo(1_500_000_000L); // really slept
    }

    private static String line(WasiRun.Result r, String prefix) {
        return r.stdout().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    @Test
    void filesThroughAPreopen() throws IOException {
        Path sb = Files.createDirectories(tmp.resolve("sb/sub"));
        sb = sb.getParent();
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(sb.resolve("in.txt"), "hello\nworld\n");
        Files.writeString(sb.resolve("sub/a"), "A\n");
        Files.writeString(sb.resolve("sub/b"), "B\n");
        Files.writeString(outside.resolve("secret"), "secret\n");
        Files.createSymbolicLink(sb.resolve("escape"), Path.of("../outside"));
        Files.createSymbolicLink(sb.resolve("abs"), outside.toAbsolutePath()); // absolute: refused wherever it points
        Files.createSymbolicLink(sb.resolve("inner"), Path.of("sub/a"));

        WasiRun.Result r = WasiRun.run(WasiRun.resource("files.wasm"), WasiConfig.builder().args("files.wasm").preopen(sb, "/sb"));
        assertThat(r.stdout()).isEqualTo(WasiRun.text("files.out"));
        assertThat(r.exitCode()).isZero();
        try (var list = Files.list(sb)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("abs", "escape", "in.txt", "inner", "sub"); // out/ made and removed
        }
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("secret\n");
    }

    @Test
    void everyCallLinksAndAnswersOnAClosedDescriptor() {
        WasiRun.Result r = WasiRun.run(WasiRun.resource("allcalls.wasm"), WasiConfig.builder().args("allcalls.wasm"));
        assertThat(r.stdout()).isEqualTo(WasiRun.text("allcalls.out"));
        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.stdout()).contains("sock_accept 52\n", "proc_raise 52\n", "fd_read 8\n", "path_open 8\n",
                "fd_seek stdout 70\n", "fd_write bad pointer 21\n");
    }

    @Test
    void stdinFromADriverYieldsUntilInputArrives() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Store store = new Store();
        Machine machine = new Machine(store);
        try (WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().args("io.wasm").stdinFromDriver().stdout(out).build())) {
            Instance instance = machine.instantiate(Pipeline.load(WasiRun.resource("io.wasm")), wasi.imports(store));
            machine.start(instance.exportedFunction("_start"));
            String[] chunks = {"first ", "second\n"};
            int yields = 0;
            MachineOutcome outcome = machine.run();
            while (outcome instanceof MachineOutcome.HostCall call) {
                assertThat(call.function().name()).isEqualTo("wasi_snapshot_preview1.fd_read");
                assertThat(wasi.stdin().wouldYield()).isTrue();
                if (yields < chunks.length) wasi.stdin().offer(chunks[yields].getBytes(StandardCharsets.UTF_8));
                else wasi.stdin().close();
                yields++;
                outcome = machine.resume(WasiPreview1.retry(call));
            }
            assertThat(outcome).isInstanceOf(MachineOutcome.Done.class);
            assertThat(yields).isEqualTo(3);
            wasi.flush();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("FIRST SECOND\nstdin 13 bytes\n");
    }

    @Test
    void stdinFromADriverWithoutOneTrapsUnderInvoke() {
        WasiRun.Result r;
        try {
            r = WasiRun.run(WasiRun.resource("io.wasm"), WasiConfig.builder().args("io.wasm").stdinFromDriver());
        } catch (dev.lia.wasm.Trap e) {
            assertThat(e.getMessage()).contains("fd_read").contains("waiting for input");
            return;
        }
        throw new AssertionError("expected a trap, got " + r);
    }
}
