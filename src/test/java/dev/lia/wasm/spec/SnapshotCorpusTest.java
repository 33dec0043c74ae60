package dev.lia.wasm.spec;

import dev.lia.wasm.Pipeline;
import dev.lia.cli.LiaCli;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * {@code lia snapshot} of each corpus/core program after {@code _initialize}: the snapshot has no
 * {@code _initialize} and no start function, and {@code run()} prints the expected text and hash.
 */
class SnapshotCorpusTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> snapshotsAfterInitializeRunToTheSameHash() throws Exception {
        Path corpus = SuiteLocation.corpus();
        Path script = dir.resolve("init.lia");
        Files.writeString(script, "_initialize()\n");
        return CorpusTest.PROGRAMS.stream().map(p -> dynamicTest(p, () -> {
            Path out = dir.resolve(p + "-initialized.wasm");
            LiaCli.Result r = LiaCli.run("snapshot", script.toString(), "--module", corpus.resolve("core/" + p + ".wasm").toString(),
                    "-o", out.toString());
            assertThat(r.exit()).as(r.transcript()).isZero();
            assertThat(r.out()).startsWith(out + ": ");
            byte[] bytes = Files.readAllBytes(out);
            var module = Pipeline.decode(bytes);
            assertThat(module.start()).isEqualTo(-1);
            assertThat(module.export("_initialize")).isNull();
            String expected = Files.readString(corpus.resolve("expected/core/" + p + ".out"), StandardCharsets.ISO_8859_1);
            assertThat(CorpusTest.runProgram(bytes)).isEqualTo(expected);
        }));
    }
}
