package example;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs both programs as `java example.Embedding examples/demo/demo.wasm` would, and checks what they print. */
class EmbeddingTest {
    static final String DEMO = "../demo/demo.wasm";

    static String run(ThrowingMain main) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[] {DEMO});
        } finally {
            System.setOut(saved);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        System.out.print(text); // into the test's output file, which Lia's EmbeddingExampleTest reads too
        return text;
    }

    interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    static void contains(String out, String... lines) {
        for (String l : lines) assertTrue(out.contains(l), () -> "missing: " + l + "\nin:\n" + out);
    }

    @Test
    void theFrontDoor() throws Exception {
        contains(run(Embedding::main),
                "add(2, 3) = 5, scale(1.5, 4) = 6.0, divmod(17, 5) = 3 r 2",
                "roll(6) = 3, counter = 7",
                "trap: integer divide by zero",
                "1: Blocked[name=lookup, args=[5 : i32], expects=[i32]]",
                "2: Blocked[name=env.random, args=[], expects=[f64]]",
                "3: Done[values=[42 : i32, 3 : i32]]",
                "counter 42, roll 3",
                "4: Done[values=[84 : i32]]",
                "resumed from CACHED: Done[values=[42 : i32, 3 : i32]]",
                "refused: input 'n' must be i32, got the Double 1.5",
                "; the session is READY",
                "compile error: ");
    }

    @Test
    void theLibraryBringsNoCommandLineLibraries() {
        // dev.lia:lia's picocli and JLine are optional: a project depending on it does not get them
        for (String cli : new String[] {"picocli.CommandLine", "org.jline.reader.LineReader"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(cli), cli);
        }
    }

    @Test
    void theLayersUnderneath() throws Exception {
        contains(run(LowerLayers::main),
                "1: Blocked[name=lookup, args=[5 : i32], expects=[i32]]",
                "3: Done[values=[42 : i32, 3 : i32]]",
                "cached run: Done[values=[42 : i32, 3 : i32]] from CACHED, state sha256:",
                "from REPLAYED (no cached state for this session)",
                "same state: true");
    }
}
