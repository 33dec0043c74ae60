package dev.lia.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the examples of docs/lia.md: each {@code ```lia [ARGS]} block is run with
 * {@code lia run example.lia --module examples/demo/demo.wasm ARGS} and what it prints (stdout,
 * then stderr) must be the {@code ```output} block that follows it.
 */
class LiaDocsTest {
    static final Path DOC = Path.of("docs/lia.md");

    record Example(int line, String args, String script, String output) {}

    @TestFactory
    Stream<DynamicTest> examples() throws IOException {
        List<Example> examples = parse(Files.readAllLines(DOC));
        assertThat(examples).hasSizeGreaterThan(10);
        return examples.stream().map(e -> DynamicTest.dynamicTest("docs/lia.md:" + e.line(), () -> run(e)));
    }

    private static List<Example> parse(List<String> lines) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("```lia")) continue;
            int start = i;
            StringBuilder script = new StringBuilder();
            for (i++; !lines.get(i).equals("```"); i++) script.append(lines.get(i)).append('\n');
            int j = i + 1;
            while (lines.get(j).isBlank()) j++;
            assertThat(lines.get(j)).as("the block after the example at line " + (start + 1)).isEqualTo("```output");
            StringBuilder output = new StringBuilder();
            for (j++; !lines.get(j).equals("```"); j++) output.append(lines.get(j)).append('\n');
            out.add(new Example(start + 1, l.substring(6).trim(), script.toString(), output.toString()));
            i = j;
        }
        return out;
    }

    private static void run(Example e) throws IOException {
        Path dir = Files.createDirectories(Path.of("target/docs-examples/" + e.line()));
        Path script = dir.resolve("example.lia");
        Files.writeString(script, e.script());
        List<String> args = new ArrayList<>(List.of("run", script.toString(), "--module", "examples/demo/demo.wasm"));
        if (!e.args().isEmpty()) args.addAll(Arrays.asList(e.args().split("\\s+")));
        LiaCli.Result r = LiaCli.run(args.toArray(new String[0]));
        String printed = (r.out() + r.err()).replace(script.toString(), "example.lia");
        assertThat(printed).as("docs/lia.md:" + e.line()).isEqualTo(e.output());
    }
}
