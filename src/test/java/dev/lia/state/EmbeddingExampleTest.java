package dev.lia.state;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs examples/embedding/Embedding.java as its README says (source-file mode, in another JVM). */
class EmbeddingExampleTest {
    @Test
    void theEmbeddingExampleRuns() throws Exception {
        Jvm.Run r = Jvm.run(Jvm.currentJava(), Path.of("."), "examples/embedding/Embedding.java", "examples/demo/demo.wasm");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(
                "1: Blocked[name=lookup, args=[5 : i32], expects=[i32]]",
                "2: Blocked[name=env.random, args=[], expects=[f64]]",
                "3: Done[values=[42 : i32, 3 : i32]]",
                "4: Done[values=[84 : i32]]",
                "cached run: Done[values=[42 : i32, 3 : i32]] from CACHED, state sha256:",
                "from REPLAYED (no cached state for this session)",
                "same state: true");
    }
}
