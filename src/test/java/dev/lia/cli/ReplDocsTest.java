package dev.lia.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of docs/lia.md typed into {@code lia repl examples/demo/demo.wasm}, line by line: each
 * prints what {@code lia run} prints for it. Left out: examples with inputs or handlers (the REPL has
 * no --arg and answers no requests) and those whose output names the script's file and positions.
 */
class ReplDocsTest {
    @TestFactory
    Stream<DynamicTest> examples() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> lines = Files.readAllLines(LiaDocsTest.DOC);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```lia")) continue;
            int start = i + 1;
            StringBuilder script = new StringBuilder();
            for (i++; !lines.get(i).equals("```"); i++) script.append(lines.get(i)).append('\n');
            int j = i + 1;
            while (lines.get(j).isBlank()) j++;
            StringBuilder output = new StringBuilder();
            for (j++; !lines.get(j).equals("```"); j++) output.append(lines.get(j)).append('\n');
            i = j;
            String s = script.toString();
            String o = output.toString();
            if (o.contains("example.lia") || o.startsWith("blocked") || s.matches("(?s).*\\b(import|on|ext|instantiate)\\b.*")) continue;
            tests.add(DynamicTest.dynamicTest("docs/lia.md:" + start, () -> assertThat(repl(s)).isEqualTo(o)));
        }
        assertThat(tests).hasSizeGreaterThan(5);
        return tests.stream();
    }

    static String repl(String input) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            LiaCli.Result r = LiaCli.run("repl", "examples/demo/demo.wasm");
            String out = r.out();
            assertThat(out).startsWith("module $demo (demo.wasm): exports ");
            return out.substring(out.indexOf('\n') + 1) + r.err();
        } finally {
            System.setIn(saved);
        }
    }
}
