package dev.lia.wasi;

import dev.lia.wasm.exec.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Preview1's wasm64 ABI: the program of {@code abi.wat.in} as a 64-bit module gives what its 32-bit
 * twin gives, in both tiers, with every word it reads back written whole, and pointers and lengths
 * beyond the memory (above 4 GiB, low bits in range) answering EFAULT or EINVAL.
 */
public class Wasm64Test {
    @TempDir
    Path tmp;

    /** The program for one ABI. */
    public static byte[] program(boolean memory64) {
        return dev.lia.wasm.binary.ModuleEncoder.encode(dev.lia.wasm.text.TextFormat.parseModule(source(memory64)));
    }

    /** The program's text for one ABI: the template with its tokens replaced (see the template's header). */
    static String source(boolean memory64) {
        String t = WasiRun.text("abi.wat.in");
        Map<String, String> tokens = memory64
                ? Map.of("{P}", "i64", "{W}", "8", "{W2}", "16", "{W3}", "24", "{MEM}", "i64", "{U64}", "(local.get 0)",
                        "{FAR}", "0x100000100", "{HUGE}", "0x100000008")
                : Map.of("{P}", "i32", "{W}", "4", "{W2}", "8", "{W3}", "12", "{MEM}", "", "{U64}", "(i64.extend_i32_u (local.get 0))",
                        "{FAR}", "0xfffffff0", "{HUGE}", "0xfffffff8");
        for (Map.Entry<String, String> e : tokens.entrySet()) t = t.replace(e.getKey(), e.getValue());
        return t;
    }

    private WasiRun.Result run(boolean memory64, Tier tier, Path sb) {
        return WasiRun.run(program(memory64), WasiConfig.builder().args("abi", "x", "y z").env("A", "1").env("LONGER", "two")
                .preopen(sb, "/sb").stdin("some stdin\n".getBytes(StandardCharsets.UTF_8)), tier);
    }

    @Test
    void theSixtyFourBitProgramGivesWhatItsThirtyTwoBitTwinGivesInBothTiers() throws IOException {
        Path sb = Files.createDirectory(tmp.resolve("sb"));
        Files.writeString(sb.resolve("in.txt"), "hello file\n");
        WasiRun.Result twin = run(false, Tier.INTERP, sb);
        assertThat(twin.exitCode()).isEqualTo(7);
        assertThat(twin.stdout()).contains("argc 3\nargv bytes 10\narg: abi\narg: x\narg: y z\n", "envc 2\nenv bytes 15\nenv: A=1\nenv: LONGER=two\n",
                "name length 3\npreopen /sb\nfile: hello fi\nfile: le\n\n", "stdin: some std\nstdin: in\n\n",
                "far fd_write 21\nfar nwritten 21\nfar random_get 21\nhuge iovec 28\nhuge random_get 21\n");
        for (Tier tier : new Tier[] {Tier.INTERP, Tier.COMPILED}) {
            assertThat(run(true, tier, sb)).as("wasm64, " + tier).isEqualTo(twin);
            assertThat(run(false, tier, sb)).as("wasm32, " + tier).isEqualTo(twin);
        }
    }

    @Test
    void theTypesOfTheTwoAbisDifferInPointersAndSizesOnly() {
        WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().build());
        assertThat(wasi.type("fd_write", true).toString()).isEqualTo("[i32, i64, i64, i64] -> [i32]");
        assertThat(wasi.type("fd_seek", true).toString()).isEqualTo("[i32, i64, i32, i64] -> [i32]");
        assertThat(wasi.type("path_open", true).toString()).isEqualTo("[i32, i32, i64, i64, i32, i64, i64, i32, i64] -> [i32]");
        assertThat(wasi.type("proc_exit", true)).isEqualTo(wasi.type("proc_exit"));
        assertThat(WasiPreview1.refusal(dev.lia.wasm.text.TextFormat.parseModule(source(true)))).isNull();
    }
}
